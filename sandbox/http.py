"""aiohttp routes that speak the Bot API wire protocol: `/bot{token}/{method}` and files."""

from __future__ import annotations

from aiohttp import web

from sandbox.errors import BotApiError, not_found, unauthorized
from sandbox.faults import Fault
from sandbox.methods import call_method, response_body
from sandbox.state import SandboxState
from sandbox.wire import decode_body


def bot_api_routes(state: SandboxState) -> list[web.RouteDef]:
    def token_error(request: web.Request) -> web.Response | None:
        if state.token is not None and request.match_info["token"] != state.token:
            error = unauthorized()
            return web.json_response(error.to_json(), status=error.error_code)
        return None

    async def handle_method(request: web.Request) -> web.Response:
        if (rejected := token_error(request)) is not None:
            return rejected
        try:
            params, uploads = await decode_body(
                request.content_type, request.headers, request.content, request.query
            )
        except (BotApiError, ValueError) as error:
            description = error.description if isinstance(error, BotApiError) else str(error)
            return web.json_response(
                {"ok": False, "error_code": 400, "description": description}, status=400
            )
        method = request.match_info["method"]
        fault = state.faults.take(method)
        if fault is not None and not fault.deliver:
            return await _misbehave(request, fault)
        call = await call_method(state, method, params, uploads)
        if fault is not None:
            return await _misbehave(request, fault)
        status = 200 if call.ok or call.error_code is None else call.error_code
        return web.json_response(response_body(call), status=status)

    async def handle_file(request: web.Request) -> web.Response:
        if (rejected := token_error(request)) is not None:
            return rejected
        stored = state.files.by_path(request.match_info["path"])
        if stored is None:
            error = not_found()
            return web.json_response(error.to_json(), status=error.error_code)
        return web.Response(body=stored.data, content_type=stored.mime_type)

    async def _misbehave(request: web.Request, fault: Fault) -> web.Response:
        await state.faults.delay(fault)
        if fault.kind == "reset" and request.transport is not None:
            request.transport.close()
        if fault.kind == "429":
            retry = max(1, int(fault.seconds))
            body = {"ok": False, "error_code": 429, "parameters": {"retry_after": retry},
                    "description": f"Too Many Requests: retry after {retry}"}
            return web.json_response(body, status=429)
        body = {"ok": False, "error_code": 502, "description": "Bad Gateway"}
        return web.json_response(body, status=502)

    return [
        web.route("*", "/bot{token}/{method}", handle_method),
        web.get("/file/bot{token}/{path:.+}", handle_file),
    ]
