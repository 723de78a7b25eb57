from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from community.views import sso
from portal import seo_views, views
from portal.sitemaps import SITEMAPS

handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", seo_views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("community.urls")),
    path("", include("ideas.urls")),
    # allauth's OpenID Connect and SAML sign-in, under a CSP that lets it reach the provider (community.views.sso).
    path("accounts/oidc/<str:provider_id>/login/", sso.login),
    path("accounts/oidc/<str:provider_id>/login/callback/", sso.callback),
    path("accounts/saml/<str:organization_slug>/login/", sso.saml_login),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", include("api.urls")),
]

if settings.DEBUG:
    # Only Wagtail's images, which editors publish, are served from the media folder as they are;
    # idea images and space logos go through views that apply the access rule. The web server
    # in production exposes the same folders and no others (see the README).
    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>(?:original_images|images)/.+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

# Wagtail serves every other path from the page tree, starting with the HomePage at /.
urlpatterns.append(path("", include(wagtail_urls)))
