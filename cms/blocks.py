"""StreamField blocks editors build standard pages from; one template each in cms/blocks/."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from ideas.models import Idea
from ideas.selectors.site import block_ideas_for

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]
IDEAS_BLOCK_MAX = 20


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"), max_length=250, help_text=_("What the image shows, for people who cannot see it.")
    )
    caption = blocks.CharBlock(label=_("caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "cms/blocks/image.html"


class CallToActionValue(blocks.StructValue):
    def url(self) -> str:
        page = self.get("page")
        return page.url if page else self.get("link_url")


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.TextBlock(label=_("text"), max_length=400, required=False)
    page = blocks.PageChooserBlock(label=_("link to a page"), required=False)
    link_url = blocks.URLBlock(label=_("or to a web address"), required=False)
    button_label = blocks.CharBlock(label=_("button label"), max_length=60)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("link_url")):
            error = ValidationError(_("Choose a page or give a web address (one of them)."))
            raise StructBlockValidationError(block_errors={"link_url": error})
        return value

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "cms/blocks/call_to_action.html"
        value_class = CallToActionValue


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("answer"), features=RICH_TEXT_FEATURES)


class FaqBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120, required=False)
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        template = "cms/blocks/faq.html"


class IdeasBlock(blocks.StructBlock):
    """A live list of ideas, always of those the person reading the page may see: a private
    space named here shows nothing to outsiders."""

    heading = blocks.CharBlock(label=_("heading"), max_length=120, required=False)
    space = blocks.CharBlock(
        label=_("space"), max_length=80, required=False, help_text=_("The space's slug; empty for every space.")
    )
    status = blocks.ChoiceBlock(label=_("status"), choices=Idea.Status.choices, required=False)
    category = blocks.CharBlock(
        label=_("category"), max_length=80, required=False, help_text=_("The category's slug; empty for all.")
    )
    count = blocks.IntegerBlock(label=_("how many"), min_value=1, max_value=IDEAS_BLOCK_MAX, default=5)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        if request is None:
            context["ideas"] = []
            return context
        context["ideas"] = block_ideas_for(
            request.user,
            space=value["space"],
            status=value["status"] or "",
            category=value["category"],
            limit=value["count"],
        )
        return context

    class Meta:
        icon = "list-ul"
        label = _("Ideas")
        template = "cms/blocks/ideas.html"


class BodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES, template="cms/blocks/rich_text.html")
    image = ImageBlock()
    call_to_action = CallToActionBlock()
    faq = FaqBlock()
    ideas = IdeasBlock()
