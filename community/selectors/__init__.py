"""Reads, one module per feature, named as the service modules are: what a
page, a socket or a service needs to know, in as few queries as possible.

Selectors read the models (and each other); they never import a service, and
who may see whom is asked of ``visibility`` alone."""
