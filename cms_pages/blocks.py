"""StreamField blocks that editors combine into information pages and how-tos.

Each block has an icon, a template under templates/components/streamfield/blocks/
and a preview value, so the admin's block picker shows what it will look like.
"""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

BLOCK_TEMPLATES = "components/streamfield/blocks"

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        max_length=120, help_text=_("A short heading for the section that follows.")
    )
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        help_text=_("Use a section heading first; sub-headings go beneath one."),
    )

    class Meta:
        icon = "title"
        template = f"{BLOCK_TEMPLATES}/heading_block.html"
        label = _("Heading")
        preview_value = {"text": "Before you arrive", "level": "h2"}
        description = _("A heading that starts a new section of the page.")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        kwargs.setdefault(
            "help_text", _("Text with bold, italic, lists and links to pages or files.")
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = f"{BLOCK_TEMPLATES}/paragraph_block.html"
        label = _("Text")
        preview_value = (
            "<p>Hosts meet their newcomer once or twice a month: a walk, a meal, "
            "a trip to the museum.</p>"
        )
        description = _("Formatted text.")


class ImageBlock(blocks.StructBlock):
    """An image with alt text the editor must write (no empty alt by accident)."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text=_(
            "Describe what the image shows for people who cannot see it, "
            "e.g. 'Two families share a picnic by the lake'."
        ),
    )
    caption = blocks.CharBlock(
        required=False, max_length=250, help_text=_("Optional text shown under it.")
    )

    class Meta:
        icon = "image"
        template = f"{BLOCK_TEMPLATES}/image_block.html"
        label = _("Image")
        description = _("An image with a description and an optional caption.")


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        choices=[
            ("info", _("Information")),
            ("tip", _("Tip")),
            ("important", _("Important")),
        ],
        default="info",
        help_text=_("Sets the colour and icon of the box."),
    )
    title = blocks.CharBlock(max_length=120, help_text=_("What the box is about."))
    body = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul"], help_text=_("Keep it short.")
    )

    class Meta:
        icon = "warning"
        template = f"{BLOCK_TEMPLATES}/callout_block.html"
        label = _("Call-out box")
        preview_value = {
            "tone": "tip",
            "title": "Expected time",
            "body": "<p>Plan for one or two meetings a month for at least six "
            "months.</p>",
        }
        description = _("A highlighted box for something readers must not miss.")


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, help_text=_("The link's text."))
    url = blocks.URLBlock(help_text=_("The full address, starting with https://"))
    description = blocks.TextBlock(
        required=False,
        max_length=300,
        help_text=_("One sentence on what the reader will find there."),
    )

    class Meta:
        icon = "link"
        label = _("Link")


class LinkListBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        required=False, max_length=120, help_text=_("Optional heading for the list.")
    )
    links = blocks.ListBlock(LinkBlock())

    class Meta:
        icon = "list-ul"
        template = f"{BLOCK_TEMPLATES}/link_list_block.html"
        label = _("Useful links")
        preview_value = {
            "title": "The authorities",
            "links": [
                {
                    "title": "lifeindenmark.dk",
                    "url": "https://lifeindenmark.borger.dk/",
                    "description": "The official guide to life in Denmark.",
                }
            ],
        }
        description = _("A list of links to other sites, each with a description.")


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(help_text=_("Upload or choose the file."))
    title = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text=_("Shown as the link text; the document's title if left empty."),
    )
    description = blocks.TextBlock(
        required=False, max_length=300, help_text=_("What is in the file.")
    )

    class Meta:
        icon = "doc-full"
        template = f"{BLOCK_TEMPLATES}/document_download_block.html"
        label = _("Document download")
        description = _("A download link for a file, with its type and size.")


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        label = _("Question")


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text=_("Optional heading, e.g. 'Questions hosts ask'."),
    )
    items = blocks.ListBlock(FAQItemBlock())

    class Meta:
        icon = "help"
        template = f"{BLOCK_TEMPLATES}/faq_block.html"
        label = _("Questions and answers")
        preview_value = {
            "title": "Questions hosts ask",
            "items": [
                {
                    "question": "Do I need to speak English?",
                    "answer": "<p>Enough for a conversation; many pairs mix "
                    "English and Danish.</p>",
                }
            ],
        }
        description = _("Questions that open to show their answer (an accordion).")


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=120)
    steps = blocks.ListBlock(
        blocks.TextBlock(max_length=500), help_text=_("One step per item, in order.")
    )

    class Meta:
        icon = "list-ol"
        template = f"{BLOCK_TEMPLATES}/steps_block.html"
        label = _("Steps")
        preview_value = {
            "title": "How to do it",
            "steps": ["Pick a sunny Sunday.", "Each family brings one dish."],
        }
        description = _("A numbered list of steps.")


class InformationStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    callout = CalloutBlock()
    links = LinkListBlock()
    document = DocumentDownloadBlock()
    faq = FAQBlock()


class HowToStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    steps = StepsBlock()
    image = ImageBlock()
    callout = CalloutBlock()
    links = LinkListBlock()


class FooterLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80)
    url = blocks.CharBlock(
        max_length=300,
        help_text=_("A full address (https://…) or a path on this site (/about/)."),
        validators=[
            RegexValidator(
                r"^(https?://[^\s]+|/[^\s]*)$",
                _(
                    "Use a full address starting with https:// or a path starting "
                    "with /."
                ),
            )
        ],
    )

    class Meta:
        icon = "link"
        label = _("Footer link")
