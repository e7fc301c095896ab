"""Placeholder until this area is built in this session."""

from django.http import Http404


def home(request, *args, **kwargs):
    raise Http404


def setup(request, *args, **kwargs):
    raise Http404


def edit(request, *args, **kwargs):
    raise Http404


def confirm_expectations(request, *args, **kwargs):
    raise Http404


def export_data(request, *args, **kwargs):
    raise Http404


def delete_account(request, *args, **kwargs):
    raise Http404
