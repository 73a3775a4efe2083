from __future__ import annotations

from crm.mail import InlineImage, Mail, build_message


class TestDigestMail:
    def test_charts_travel_inline_beside_the_html(self) -> None:
        mail = Mail("anna@example.com", "Неделя", "plain", '<img src="cid:chart0">',
                    images=(InlineImage("chart0", b"\x89PNG fake"),))
        message = build_message(mail, "radar@localhost")
        kinds = [part.get_content_type() for part in message.walk()]
        assert kinds == ["multipart/alternative", "text/plain", "multipart/related", "text/html",
                         "image/png"]
        image = list(message.walk())[-1]
        assert image["Content-ID"] == "<chart0>"
        assert image.get_payload(decode=True) == b"\x89PNG fake"

    def test_a_push_without_images_stays_two_part(self) -> None:
        message = build_message(Mail("a@b.cd", "s", "t", "<p>h</p>"), "radar@localhost")
        assert [p.get_content_type() for p in message.walk()] == [
            "multipart/alternative", "text/plain", "text/html"]
