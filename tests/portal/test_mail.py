"""Development e-mail: every message shows on the console and is kept in a file to read later."""

from django.core.mail import send_mail


def test_a_sent_message_is_printed_and_kept_in_a_file(settings, tmp_path, capsys):
    settings.EMAIL_BACKEND = "portal.mail.ConsoleAndFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"

    sent = send_mail(
        "Confirm your address",
        "Follow https://groundswell.localhost/accounts/confirm-email/abc/ to confirm.",
        "Groundswell <noreply@groundswell.localhost>",
        ["pat@example.com"],
    )

    assert sent == 1
    printed = capsys.readouterr().out
    assert "Subject: Confirm your address" in printed
    assert "To: pat@example.com" in printed
    assert "https://groundswell.localhost/accounts/confirm-email/abc/" in printed
    files = list((tmp_path / "mail").iterdir())
    assert len(files) == 1
    kept = files[0].read_text()
    assert "Subject: Confirm your address" in kept
    assert "To: pat@example.com" in kept
    assert "https://groundswell.localhost/accounts/confirm-email/abc/" in kept


def test_every_message_is_kept(settings, tmp_path, capsys):
    settings.EMAIL_BACKEND = "portal.mail.ConsoleAndFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path

    send_mail("First", "One.", None, ["pat@example.com"])
    send_mail("Second", "Two.", None, ["sam@example.com"])

    # Django's file backend writes one file per connection, named by the second it opened
    # in; two quick connections may share a file. Either way, both messages are there.
    kept = "".join(path.read_text() for path in tmp_path.iterdir())
    assert "Subject: First" in kept
    assert "Subject: Second" in kept
    assert capsys.readouterr().out.count("Subject: ") == 2
