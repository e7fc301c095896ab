"""Placeholder until this area is built in this session."""

from django.http import Http404


def block(request, *args, **kwargs):
    raise Http404


def unblock(request, *args, **kwargs):
    raise Http404


def report(request, *args, **kwargs):
    raise Http404


def blocked_list(request, *args, **kwargs):
    raise Http404
