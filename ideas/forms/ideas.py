"""Forms of the ideas pages: they parse what a browser sends; the services decide."""

from itertools import groupby

from django import forms
from django.forms.models import ModelChoiceIterator
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from community.forms import HoneypotMixin
from community.models import Space, SubmissionTerms, User
from community.selectors.terms import published_terms
from community.validators import normalise_plain_text, validate_plain_text
from ideas.images import MAX_IMAGE_BYTES, MAX_IMAGES_PER_IDEA
from ideas.models import (
    BODY_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    PROBLEM_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    TITLE_MIN_LENGTH,
    Campaign,
    Category,
    Comment,
    Idea,
    SolutionFeedback,
    Vote,
)
from ideas.selectors import IdeaFilters, Sort

IMAGE_TYPES = "image/jpeg,image/png,image/gif,image/webp"


class IdeaFilterForm(forms.Form):
    """The GET form above a list of ideas; anything it does not understand is ignored."""

    SORT_CHOICES = [
        (Sort.TRENDING, _("Trending")),
        (Sort.TOP, _("Most votes")),
        (Sort.NEWEST, _("Newest")),
        (Sort.UPDATED, _("Recently updated")),
    ]

    q = forms.CharField(label=_("Search"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)
    status = forms.MultipleChoiceField(
        label=_("Status"), choices=Idea.Status.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    mine = forms.BooleanField(label=_("Only my ideas"), required=False)
    voted = forms.BooleanField(label=_("Only ideas I voted for"), required=False)

    def __init__(self, data, *, viewer: User, space: Space | None = None, categories=()):
        super().__init__(data)
        self.space = space
        if space is None:
            del self.fields["category"]
        else:
            self.fields["category"].choices = [("", _("All categories"))] + [(c.slug, c.name) for c in categories]
        if not viewer.is_authenticated:
            del self.fields["mine"], self.fields["voted"]

    def filters(self) -> IdeaFilters:
        """What the list should show; invalid parts of the query are dropped, not refused."""
        self.is_valid()
        data = self.cleaned_data
        return IdeaFilters(
            space=self.space,
            statuses=tuple(data.get("status", ())),
            category=data.get("category", ""),
            mine=data.get("mine", False),
            voted=data.get("voted", False),
            query=data.get("q", "").strip(),
            sort=data.get("sort") or Sort.TRENDING,
        )

    @property
    def is_filtered(self) -> bool:
        filters = self.filters()
        return bool(filters.statuses or filters.category or filters.mine or filters.voted or filters.query)


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


class IdeaForm(HoneypotMixin, forms.Form):
    space = forms.ModelChoiceField(label=_("Space"), queryset=Space.objects.none(), to_field_name="slug")
    title = PlainTextField(
        label=_("Title"),
        min_length=TITLE_MIN_LENGTH,
        max_length=TITLE_MAX_LENGTH,
        help_text=_("A short summary of your idea, %(min)s to %(max)s characters.")
        % {"min": TITLE_MIN_LENGTH, "max": TITLE_MAX_LENGTH},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "hx-get": reverse_lazy("ideas:similar"),
                "hx-trigger": "keyup changed delay:400ms",
                "hx-target": "#similar-ideas",
                "hx-include": "#id_space",
            }
        ),
    )
    problem = forms.CharField(
        label=_("What gets in your way today?"),
        required=False,
        max_length=PROBLEM_MAX_LENGTH,
        help_text=_("The problem, apart from any fix: what you try to do, and what stops you."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    body = forms.CharField(
        label=_("Your proposed solution"),
        required=False,
        max_length=BODY_MAX_LENGTH,
        help_text=_("How you would like it solved. Markdown works: **bold**, *italic*, lists, links."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    tags = forms.CharField(
        label=_("Tags (optional)"),
        required=False,
        max_length=200,
        help_text=_("Up to 5 words that group related ideas, separated by commas, e.g. reports, export."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    images = MultipleImageField(
        label=_("Images (optional)"),
        required=False,
        help_text=_("Up to %(count)s JPEG, PNG, GIF or WebP images, 5 MB each.") % {"count": MAX_IMAGES_PER_IDEA},
    )

    # Shown with the submission terms the author has yet to accept (`pending_terms`); `terms_shown`
    # carries which versions the page showed, so nobody accepts a version they were not shown.
    terms = forms.BooleanField(
        label=_("I accept these submission terms"),
        required=False,
        error_messages={"required": _("Accept the submission terms to post your idea.")},
    )
    terms_shown = forms.ModelMultipleChoiceField(
        queryset=SubmissionTerms.objects.none(), required=False, widget=forms.MultipleHiddenInput
    )
    # The campaign the idea answers (`?campaign=` on the way in); the service checks it is open.
    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.none(),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("This campaign does not exist.")},
    )

    def __init__(self, *args, spaces, pending_terms=(), campaigns=None, **kwargs):
        super().__init__(*args, **kwargs)
        if campaigns is not None:
            self.fields["campaign"].queryset = campaigns
        self.pending_terms = list(pending_terms)
        self.fields["terms"].required = bool(self.pending_terms)
        self.fields["terms_shown"].queryset = published_terms()
        self.fields["space"].queryset = spaces
        if self.is_bound:
            # Shown again after an error: look for similar ideas to the title at once.
            self.fields["title"].widget.attrs["hx-trigger"] = "keyup changed delay:400ms, load"
        self.fields["space"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("ideas:similar"),
                "hx-trigger": "change",
                "hx-target": "#similar-ideas",
                "hx-include": "#id_title",
            }
        )
        self.fields["category"] = CategoryChoiceField(spaces, label=_("Category"), required=False)
        self.order_fields(["space", "title", "problem", "body", "category", "tags", "images"])

    def clean_tags(self) -> list[str]:
        """The comma-separated tags as a list; the service decides which are acceptable."""
        return [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]

    def clean(self):
        cleaned_data = super().clean()
        shown = {terms.pk for terms in cleaned_data.get("terms_shown") or ()}
        if any(terms.pk not in shown for terms in self.pending_terms):
            self.add_error("terms", _("Read the terms shown below, which apply to this space, and accept them."))
        return cleaned_data


class VoteForm(forms.Form):
    VOTE = "vote"
    RETRACT = "retract"

    action = forms.ChoiceField(choices=[(VOTE, VOTE), (RETRACT, RETRACT)], required=False)
    importance = forms.ChoiceField(
        label=_("How much does it matter to you?"), choices=Vote.Importance.choices, required=False
    )


class FollowForm(forms.Form):
    FOLLOW = "follow"
    UNFOLLOW = "unfollow"

    action = forms.ChoiceField(choices=[(FOLLOW, FOLLOW), (UNFOLLOW, UNFOLLOW)])


class CommentForm(HoneypotMixin, forms.Form):
    body = forms.CharField(label=_("Your comment"), max_length=COMMENT_MAX_LENGTH, strip=False)
    parent = forms.ModelChoiceField(queryset=Comment.objects.none(), required=False)
    official = forms.BooleanField(label=_("Answer officially, for the organisation"), required=False)

    def __init__(self, *args, idea: Idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Comment.objects.filter(idea=idea)


class CommentEditForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), max_length=COMMENT_MAX_LENGTH, strip=False)


class SolutionFeedbackForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Did the shipped change solve your problem?"),
        choices=SolutionFeedback.Answer.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Tell us more (optional)"),
        required=False,
        max_length=2000,
        help_text=_("Only the moderators read your comment."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StatusForm(forms.Form):
    # No `duplicate`: an idea becomes one by merging it (the merge form).
    status = forms.ChoiceField(
        label=_("New status"), choices=[choice for choice in Idea.Status.choices if choice[0] != Idea.Status.DUPLICATE]
    )
    message = forms.CharField(
        label=_("Official response (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        help_text=_("Followers are told about the change, with this message."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MoveIdeaForm(forms.Form):
    """What the "Move to another space" form posts (the page renders its fields from `move_spaces`,
    listed once); the service decides whether the move is allowed."""

    to_space = forms.ModelChoiceField(label=_("Move to"), queryset=Space.objects.none())
    carry_comments = forms.BooleanField(label=_("Carry the comments with it"), required=False)

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_space"].queryset = spaces


class MergeForm(forms.Form):
    """Which idea to merge this one into (by its number), and why; the service decides who may."""

    into = forms.IntegerField(label=_("Number of the idea to merge into"), min_value=1)
    reason = forms.CharField(
        label=_("Why (kept in the moderation log)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class UnmergeForm(forms.Form):
    reason = forms.CharField(label=_("Why (kept in the moderation log)"), required=False, max_length=COMMENT_MAX_LENGTH)
