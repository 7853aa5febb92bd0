"""Login throttling, security headers and the deployment check."""

import io

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_repeated_failed_logins_lock_the_account_out(django_user_model):
    django_user_model.objects.create_user("steward", password="the-right-password-1", is_staff=True)
    client = Client()
    for _ in range(4):
        response = client.post("/admin/login/", {"username": "steward", "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error
    assert client.post("/admin/login/", {"username": "steward", "password": "wrong"}).status_code == 429
    locked = client.post("/admin/login/", {"username": "steward", "password": "the-right-password-1"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_correct_login_works_before_the_limit(django_user_model):
    django_user_model.objects.create_user("steward2", password="the-right-password-2", is_staff=True)
    client = Client()
    client.post("/admin/login/", {"username": "steward2", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "steward2", "password": "the-right-password-2"})
    assert response.status_code == 302 and "_auth_user_id" in client.session


@pytest.mark.parametrize("path", ["/", "/admin/login/", "/api/v1/organisations"])
def test_security_headers(client, path):
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@override_settings(ARVOKETJU_EMBED_ORIGINS=["https://kunta.example.fi"])
def test_the_operator_may_allow_other_sites_to_embed_the_public_pages_only(client, editor):
    page = client.get("/en/matrix/")
    assert "frame-ancestors 'self' https://kunta.example.fi" in page["Content-Security-Policy"]
    assert "X-Frame-Options" not in page
    for path in ("/admin/login/", "/api/v1/organisations"):
        response = client.get(path)
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in client.post("/en/matrix/")["Content-Security-Policy"]


@override_settings(
    ALLOWED_HOSTS=["127.0.0.1", "localhost"], EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend"
)
def test_deploy_check_reports_what_a_shared_deployment_lacks():
    out = io.StringIO()
    err = io.StringIO()
    call_command("check", "--deploy", "--no-data", stdout=out, stderr=err)
    report = out.getvalue() + err.getvalue()
    for code in ("arvoketju.W001", "arvoketju.W002", "arvoketju.W003", "arvoketju.W005"):
        assert code in report
