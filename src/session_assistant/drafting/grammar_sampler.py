"""Greedy sampling under a grammar that asks the grammar only about the tokens the model wants.

llama-cpp-python puts the grammar sampler in front of greedy, so at every step the grammar is
checked against the whole vocabulary (151,936 tokens for Qwen 2.5): on two cores that cost more
than the model's own forward pass. Greedy under a grammar picks the highest-scoring token the
grammar allows, so it is enough to try the candidates in score order: the model's top token
first (the grammar accepts it almost always), then the next 64, and only then the whole
vocabulary. The token chosen is the same one the full check would choose; llama.cpp's own
``common_sampler`` uses the same idea ("grammar_first" off).
"""

from __future__ import annotations

import ctypes
import re

import numpy as np

_TOKEN_DATA = np.dtype([("id", np.int32), ("logit", np.float32), ("p", np.float32)], align=True)
_SHORTLIST = 64


class GrammarFirstChoiceSampler:
    """Drop-in for llama-cpp-python's ``LlamaSampler`` in greedy generation with a grammar.

    Only ``sample(ctx, idx)`` is used by ``Llama.generate``; it returns the chosen token and
    advances the grammar with it, as ``llama_sampler_sample`` does for a chain.
    """

    def __init__(self, llama_cpp_module, vocab, n_vocab: int, grammar, banned: np.ndarray | None = None) -> None:
        self._lib = llama_cpp_module
        self._n_vocab = n_vocab
        self._banned = banned  # bool per token id, or None
        self._grammar = self._lib.llama_sampler_init_grammar(
            vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8"))
        if not self._grammar:
            raise ValueError("llama.cpp could not build the grammar")
        self.fallbacks = 0  # how often the model's first choice was rejected (for benchmarks)
        self.steps = 0

    def _allowed(self, token_ids: np.ndarray, logits: np.ndarray) -> np.ndarray:
        """The grammar's verdict on each candidate: True where it may come next."""
        data = np.zeros(token_ids.size, dtype=_TOKEN_DATA)
        data["id"] = token_ids
        data["logit"] = logits[token_ids]
        array = self._lib.llama_token_data_array(
            data=ctypes.cast(data.ctypes.data, self._lib.llama_token_data_p),
            size=token_ids.size, selected=-1, sorted=False)
        self._lib.llama_sampler_apply(self._grammar, ctypes.byref(array))
        return np.isfinite(data["logit"])

    def _choose(self, logits: np.ndarray) -> int:
        best = int(np.argmax(logits))
        if self._allowed(np.array([best], dtype=np.int32), logits)[0]:
            return best
        self.fallbacks += 1
        shortlist = np.argpartition(-logits, _SHORTLIST)[:_SHORTLIST].astype(np.int32)
        shortlist = shortlist[np.argsort(-logits[shortlist], kind="stable")]
        allowed = self._allowed(shortlist, logits)
        if allowed.any():
            return int(shortlist[np.argmax(allowed)])
        everything = np.arange(self._n_vocab, dtype=np.int32)
        allowed = self._allowed(everything, logits)
        if not allowed.any():
            raise RuntimeError("the grammar allows no token here")
        return int(np.argmax(np.where(allowed, logits, -np.inf)))

    def sample(self, ctx, idx: int = -1) -> int:
        pointer = self._lib.llama_get_logits_ith(ctx.ctx, idx)
        logits = np.ctypeslib.as_array(pointer, shape=(self._n_vocab,))
        if self._banned is not None:
            logits = np.where(self._banned, -np.inf, logits).astype(np.float32, copy=False)
        token = self._choose(logits)
        self._lib.llama_sampler_accept(self._grammar, token)
        self.steps += 1
        return token

    def close(self) -> None:
        if self._grammar:
            self._lib.llama_sampler_free(self._grammar)
            self._grammar = None

    def __del__(self) -> None:
        self.close()


def foreign_script_tokens(token_bytes: list[bytes]) -> np.ndarray:
    """True for tokens holding characters from U+3000 up (CJK, kana, Hangul, full-width forms,
    emoji), judged by their UTF-8 lead bytes so that tokens holding half a character count too.

    Qwen models drift into Chinese mid-sentence on English input ("upper呼吸道"); an English
    transcript never needs these characters, so the drafter bans them for such a transcript.
    """
    lead = re.compile(rb"[\xe3-\xef\xf0-\xf4]")
    return np.array([bool(lead.search(piece)) for piece in token_bytes], dtype=bool)


def token_pieces(llama_cpp_module, vocab, n_vocab: int) -> list[bytes]:
    """The bytes each token id stands for (special tokens as empty)."""
    buffer = ctypes.create_string_buffer(128)
    pieces = []
    for token in range(n_vocab):
        size = llama_cpp_module.llama_token_to_piece(vocab, token, buffer, len(buffer), 0, False)
        pieces.append(buffer.raw[:max(size, 0)])
    return pieces
