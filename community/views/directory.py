"""Placeholder until this area is built in this session."""

from django.http import Http404


def directory(request, *args, **kwargs):
    raise Http404


def suggested(request, *args, **kwargs):
    raise Http404


def profile_detail(request, *args, **kwargs):
    raise Http404
