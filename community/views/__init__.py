"""Thin views: parse, authorize, call one selector or service, render."""
