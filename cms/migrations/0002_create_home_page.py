"""Make a HomePage the root of the site, in place of Wagtail's default welcome page."""

from django.db import migrations

HERO_HEADING = "Shape what we build next"
HERO_TEXT = (
    "Share your ideas for the product, see what others have asked for, vote for what "
    "matters to you, and hear back from the team about what became of it."
)


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    Page.objects.filter(depth=2, content_type__app_label="wagtailcore", content_type__model="page").delete()
    home_type, _created = ContentType.objects.get_or_create(app_label="cms", model="homepage")
    home = HomePage.objects.create(
        locale=Locale.objects.order_by("pk").first(),
        title="Home",
        draft_title="Home",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        hero_heading=HERO_HEADING,
        hero_text=HERO_TEXT,
    )
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})


def remove_home_page(apps, schema_editor):
    apps.get_model("cms.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_home_page, remove_home_page)]
