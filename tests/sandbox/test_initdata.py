"""Mini App initData signed by the emulator, checked by aiogram's own validator."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import pytest
from aiogram.utils.web_app import safe_parse_webapp_init_data

from sandbox import BotApiEmulator
from tests.sandbox.conftest import ANNA, TOKEN


class TestInitData:
    def test_signature_is_accepted(self, emu: BotApiEmulator) -> None:
        init_data = emu.sign_init_data(ANNA, start_param="lead_42")
        parsed = safe_parse_webapp_init_data(token=TOKEN, init_data=init_data)
        assert parsed.user is not None
        assert (parsed.user.id, parsed.user.first_name, parsed.user.language_code) == (
            ANNA,
            "Anna",
            "ru",
        )
        assert parsed.start_param == "lead_42"
        assert parsed.query_id

    def test_tampered_user_is_rejected(self, emu: BotApiEmulator) -> None:
        fields = dict(parse_qsl(emu.sign_init_data(ANNA)))
        fields["user"] = fields["user"].replace('"id":1001', '"id":1002')
        with pytest.raises(ValueError, match="Invalid init data signature"):
            safe_parse_webapp_init_data(token=TOKEN, init_data=urlencode(fields))

    def test_other_token_is_rejected(self, emu: BotApiEmulator) -> None:
        with pytest.raises(ValueError, match="Invalid init data signature"):
            safe_parse_webapp_init_data(token="999:XYZ", init_data=emu.sign_init_data(ANNA))
