"""Form fields the ideas forms share: images, categories grouped by space, plain text."""

from itertools import groupby

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from community.validators import normalise_plain_text, validate_plain_text
from ideas.images import MAX_IMAGE_BYTES, MAX_IMAGES_PER_IDEA
from ideas.models import (
    Category,
)

IMAGE_TYPES = "image/jpeg,image/png,image/gif,image/webp"


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several files in one input; each is checked by content later, in the service."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": IMAGE_TYPES}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data or []) if upload]
        if len(uploads) > MAX_IMAGES_PER_IDEA:
            raise forms.ValidationError(
                _("Attach at most %(count)s images.") % {"count": MAX_IMAGES_PER_IDEA}, code="image_count"
            )
        too_large = [upload.name for upload in uploads if upload.size > MAX_IMAGE_BYTES]
        if too_large:
            raise forms.ValidationError(
                _("Larger than 5 MB: %(names)s.") % {"names": ", ".join(too_large)}, code="image_too_large"
            )
        return uploads


class SpaceGroupedChoices(ModelChoiceIterator):
    """Categories under one heading per space, so the form works without JavaScript."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for space_name, categories in groupby(self.queryset, key=lambda category: category.space.name):
            yield (space_name, [self.choice(category) for category in categories])


class CategoryChoiceField(forms.ModelChoiceField):
    iterator = SpaceGroupedChoices

    def __init__(self, spaces, **kwargs):
        categories = Category.objects.filter(space__in=spaces).select_related("space").order_by("space__name", "name")
        super().__init__(queryset=categories, empty_label=_("No category"), **kwargs)


class PlainTextField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(validators=[validate_plain_text], **kwargs)

    def to_python(self, value):
        return normalise_plain_text(super().to_python(value))
