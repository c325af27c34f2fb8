"""A real SFTP server on 127.0.0.1 for tests, serving one local directory (paramiko).

The archive's side of an SFTP delivery: public-key authentication with one client key,
a host key the agreement must name, and the file operations a delivery uses (stat, open
for reading and writing, rename). Paths are confined to the served directory.
"""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import paramiko


class _Server(paramiko.ServerInterface):
    def __init__(self, client_key: paramiko.PKey) -> None:
        self.client_key = client_key

    def get_allowed_auths(self, username: str) -> str:
        return "publickey"

    def check_auth_publickey(self, username: str, key: paramiko.PKey) -> int:
        ok = username == "archief" and key.get_base64() == self.client_key.get_base64()
        return paramiko.AUTH_SUCCESSFUL if ok else paramiko.AUTH_FAILED

    def check_channel_request(self, kind: str, chanid: int) -> int:
        return paramiko.OPEN_SUCCEEDED if kind == "session" else paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED


class _Handle(paramiko.SFTPHandle):
    def stat(self):
        return paramiko.SFTPAttributes.from_stat(os.fstat(self.readfile.fileno()))


class _Files(paramiko.SFTPServerInterface):
    def __init__(self, server, *, root: Path, **kwargs) -> None:
        super().__init__(server, **kwargs)
        self.root = root.resolve()

    def _real(self, path: str) -> Path:
        real = (self.root / path.lstrip("/")).resolve()
        if real != self.root and self.root not in real.parents:
            raise PermissionError(path)
        return real

    def _attempt(self, action):
        try:
            return action()
        except OSError as exc:
            return paramiko.SFTPServer.convert_errno(exc.errno or 13)

    def stat(self, path):
        return self._attempt(lambda: paramiko.SFTPAttributes.from_stat(os.stat(self._real(path))))

    lstat = stat

    def open(self, path, flags, attr):
        def opened():
            fd = os.open(self._real(path), flags, 0o644)
            mode = "rb" if not flags & (os.O_WRONLY | os.O_RDWR) else ("r+b" if flags & os.O_RDWR else "wb")
            handle = _Handle(flags)
            handle.readfile = handle.writefile = os.fdopen(fd, mode)
            return handle

        return self._attempt(opened)

    def remove(self, path):
        return self._attempt(lambda: (os.remove(self._real(path)), paramiko.SFTP_OK)[1])

    def posix_rename(self, oldpath, newpath):
        return self._attempt(lambda: (os.replace(self._real(oldpath), self._real(newpath)), paramiko.SFTP_OK)[1])

    rename = posix_rename


class SFTPServer:
    """Listens on 127.0.0.1; `host_key_line` is what an agreement records as doel_hostsleutel."""

    def __init__(self, root: Path, client_key: paramiko.PKey) -> None:
        self.root = root
        self.host_key = paramiko.RSAKey.generate(2048)
        self.host_key_line = f"{self.host_key.get_name()} {self.host_key.get_base64()}"
        self.client_key = client_key
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.port = self.socket.getsockname()[1]
        self.transports: list[paramiko.Transport] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            transport = paramiko.Transport(connection)
            transport.add_server_key(self.host_key)
            transport.set_subsystem_handler("sftp", paramiko.SFTPServer, _Files, root=self.root)
            transport.start_server(server=_Server(self.client_key))
            self.transports.append(transport)

    def close(self) -> None:
        self.socket.close()
        for transport in self.transports:
            transport.close()
