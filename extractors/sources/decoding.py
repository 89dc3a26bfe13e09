"""Body decoding with bounded output: gzip and deflate decoded step by step and abandoned past a
cap (gzip bombs); media types normalised and sniffed."""
from __future__ import annotations

import zlib
from typing import Any



from extractors.sources.results import _CHUNK, _TYPE_ALIASES
from extractors.sources.transport import _Failure


class _Decoder:
    def __init__(self, encoding: str, limit: int) -> None:
        names = [e.strip().lower() for e in encoding.split(",") if e.strip()]
        names = [n for n in names if n != "identity"]
        for name in names:
            if name not in ("gzip", "x-gzip", "deflate"):
                raise _Failure("other", f"unsupported content-encoding: {name}")
        # applied in reverse order of the header
        self._stages = [self._make(n) for n in reversed(names)]
        self._limit = limit
        self.out = 0

    @staticmethod
    def _make(name: str) -> list[Any]:
        if name in ("gzip", "x-gzip"):
            return [zlib.decompressobj(16 + zlib.MAX_WBITS), name, True]
        return [zlib.decompressobj(zlib.MAX_WBITS), name, False]  # zlib-wrapped deflate first

    def feed(self, data: bytes) -> list[bytes]:
        pieces = [data]
        for stage in self._stages:
            pieces = [p for piece in pieces for p in self._run(stage, piece)]
        for piece in pieces:
            self.out += len(piece)
            if self.out > self._limit:
                raise _Failure("size", f"too large: more than {self._limit} bytes after decompression")
        return pieces

    def _run(self, stage: list[Any], data: bytes) -> list[bytes]:
        out: list[bytes] = []
        produced = 0
        buf = data
        while buf:
            try:
                piece = stage[0].decompress(buf, _CHUNK)
            except zlib.error as exc:
                if stage[1] == "deflate" and not stage[2]:  # raw deflate, as some servers send
                    stage[0], stage[2] = zlib.decompressobj(-zlib.MAX_WBITS), True
                    continue
                raise _Failure("other", f"bad {stage[1]} body: {exc}") from None
            stage[2] = True
            produced += len(piece)
            if self.out + produced > self._limit:
                raise _Failure("size", f"too large: more than {self._limit} bytes after decompression")
            out.append(piece)
            buf = stage[0].unconsumed_tail
        return out

    def finish(self) -> list[bytes]:
        pieces: list[bytes] = []
        for stage in self._stages:
            pieces = [p for piece in pieces for p in self._run(stage, piece)] + [stage[0].flush()]
        for piece in pieces:
            self.out += len(piece)
        if self.out > self._limit:
            raise _Failure("size", f"too large: more than {self._limit} bytes after decompression")
        return pieces


def _media_type(value: str) -> str:
    media = value.split(";", 1)[0].strip().lower()
    return _TYPE_ALIASES.get(media, media)


def _sniff(head: bytes) -> str:
    start = head.lstrip()[:512].lower()
    if head[:1024].find(b"%PDF-") != -1:
        return "application/pdf"
    if start.startswith((b"<!doctype html", b"<html", b"<head")) or b"<html" in start:
        return "text/html"
    return ""
