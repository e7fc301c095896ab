from django import template

from community.matching.score import GOOD_SHARE, STRONG_SHARE, Weights

register = template.Library()


@register.inclusion_tag("components/match_points_help.html")
def match_points_help() -> dict:
    """What match points mean: the scale and where the points come from, with
    the weights in force (``VELKOMST_MATCH_WEIGHTS``)."""
    w = Weights.from_settings()
    top = w.max_total
    return {
        "out_of": top,
        "strong": round(STRONG_SHARE * top),
        "good": round(GOOD_SHARE * top),
        "languages": w.language * w.max_languages + w.learning_help,
        "interests": w.interest * w.max_interests,
        "near": w.geo + w.same_region,
        "rest": top
        - (w.language * w.max_languages + w.learning_help)
        - w.interest * w.max_interests
        - (w.geo + w.same_region),
    }
