"""Where integrators find their way: the API root, the OpenAPI schema and the interactive docs."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_schema_is_public_and_describes_only_the_api(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/v1/ideas/", "/api/v1/ideas/{id}/", "/api/v1/links/{id}/", "/api/v1/statuses/"} <= set(paths)
    assert [path for path in paths if not path.startswith("/api/v1/")] == []
    assert schema.json()["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_the_docs_page_serves_swagger_ui_from_our_own_static_files_without_inline_script(client):
    docs = client.get("/api/v1/docs/")

    assert docs.status_code == 200
    assert b"/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.content
    policy = docs["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_the_root_lists_where_everything_is(client):
    root = client.get("/api/v1/").json()

    assert root["ideas"] == "http://testserver/api/v1/ideas/"
    assert set(root) >= {"ideas", "spaces", "categories", "statuses", "schema", "docs"}
