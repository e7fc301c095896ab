"""Placeholder until this area is built in this session."""

from django.http import Http404


def request_create(request, *args, **kwargs):
    raise Http404


def request_list(request, *args, **kwargs):
    raise Http404


def request_accept(request, *args, **kwargs):
    raise Http404


def request_decline(request, *args, **kwargs):
    raise Http404


def request_withdraw(request, *args, **kwargs):
    raise Http404


def match_list(request, *args, **kwargs):
    raise Http404


def match_detail(request, *args, **kwargs):
    raise Http404


def match_end(request, *args, **kwargs):
    raise Http404
