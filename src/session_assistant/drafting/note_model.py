"""One loaded chat model for drafting: llama.cpp, loaded once, reused, one generation at a time.

Generation is constrained by a grammar built from a JSON schema, streamed token by token so
the cancel token is checked between tokens and progress can count them.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from session_assistant import model_registry
from session_assistant.drafting.gguf_meta import GGUFError, training_context
from session_assistant.errors import Cancelled, ModelUnavailable, UserError
from session_assistant.jobs.progress import CancelToken

log = logging.getLogger(__name__)

DEFAULT_MAX_CTX = 8192  # a 1.5B model's KV cache at 8k is ~200 MB; 32k would be ~900 MB


class ContextExceeded(UserError):
    """The input does not fit the model's context; nothing was cut to make it fit."""


@dataclass
class Generation:
    text: str
    finish_reason: str  # "stop", "length" or "cancelled"
    tokens: int
    seconds: float


def drafting_threads(usable_cores: int | None = None) -> int:
    """llama.cpp threads for drafting: one fewer than the cores this process may use, at least one.

    Why one fewer: llama.cpp's threads meet at a barrier after every layer, so when another
    process (the video call, Whisper transcribing the live session) keeps a core busy, the thread
    sharing that core holds all the others up. bench/busy_core_bench.py on the shared 2-core
    development machine (other work running too, load 3-6), one drafting window (600-token prompt
    and a JSON answer), median of 2-3, CPU 0 kept busy by another process (``taskset -c 0``):
      small model (SmolLM2-135M):   1 thread 11.6 / 16.3 s, 2 threads 93.7 / 70.6 s (4-8x slower);
      default model (Qwen2.5-1.5B): 1 thread 42.2 / 84.7 s, 2 threads 50.1 / 65.8 s, with single
      2-thread windows up to 146 s (1 thread: at most 98 s).
    Without the busy loop 2 threads were not reliably faster either (default 36.7 / 65.3 s vs
    41.6 / 41.3 s with 1). So on 2 cores one thread: never the collapse; in one run ~30 % slower in the median.
    Stop-to-draft of a 1,500-token session with a core busy: 110 s with 1 thread, 135 s with 2.
    On larger machines the spare core is what the call and the live transcription run on.
    """
    return max(1, (usable_cores or usable_cpu_cores()) - 1)


def usable_cpu_cores() -> int:
    """The cores this process may run on (its affinity), or all of them where that is unknown."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _llama_class(fast_grammar: bool):
    """llama_cpp.Llama, or a subclass whose greedy grammar sampling checks only the tokens it needs."""
    import llama_cpp
    from llama_cpp import Llama

    if not fast_grammar:
        return Llama

    from session_assistant.drafting.grammar_sampler import GrammarFirstChoiceSampler

    class FastGrammarLlama(Llama):
        banned_tokens = None  # bool per token id for the next generation (NoteModel sets it)

        def _init_sampler(self, **options):
            plain_greedy = (options.get("temp") == 0.0 and not options.get("logits_processor")
                            and options.get("repeat_penalty", 1.0) == 1.0
                            and not options.get("frequency_penalty") and not options.get("presence_penalty"))
            if options.get("grammar") is not None and plain_greedy:
                return GrammarFirstChoiceSampler(llama_cpp, self._model.vocab, self._n_vocab, options["grammar"],
                                                 self.banned_tokens)
            return super()._init_sampler(**options)

    return FastGrammarLlama


class NoteModel:
    """A GGUF chat model behind a lock. Thread-safe; load() is idempotent and may run off the UI thread.

    Args:
        path: the GGUF file.
        model_id: the name reported in drafts.
        max_ctx: upper bound for the context; the model's training context caps it too.
        n_ctx: an exact context size (tests use a small one), overriding both.
        n_threads: CPU threads (default: ``drafting_threads()``, one core left free).
    """

    def __init__(self, path: Path, model_id: str | None = None, *, max_ctx: int = DEFAULT_MAX_CTX,
                 n_ctx: int | None = None, n_threads: int | None = None, fast_grammar: bool = True) -> None:
        self.path = Path(path)
        self.model_id = model_id or self.path.stem
        self._max_ctx = max_ctx
        self._n_ctx = n_ctx
        self._n_threads = n_threads or drafting_threads()
        self._llm = None
        self._lock = threading.RLock()
        self._grammars: dict[str, object] = {}
        self._fast_grammar = fast_grammar
        self._foreign_tokens = None  # bool per token id, built on first use
        self._running_cancel: CancelToken | None = None  # the token of the generation under way
        self._abort_hook = None  # the ctypes callback llama.cpp holds (kept alive here)

    @classmethod
    def from_registry(cls, models_dir: Path, name: str | None = None, **kwargs) -> "NoteModel":
        """The named (or default) LLM from ``models/``; raises ModelUnavailable with the fix."""
        found = model_registry.resolve(Path(models_dir), "llm", name)
        return cls(found.path, found.id, **kwargs)

    @property
    def loaded(self) -> bool:
        return self._llm is not None

    def sibling(self, usable_cores: int | None = None) -> "NoteModel | None":
        """Another instance of this model (not loaded yet) for the cores this one leaves idle, or None
        when it leaves fewer than its own threads: the two take windows in turn, and a slower sibling
        holding the last window would make the draft later, not sooner (so: on two cores, one thread
        each; on four, where this one has three, none; not measured there). Its weights are the
        same mmapped file (in memory once); its context and KV cache are its own (~0.3 GB at 8k for
        the 1.5B default). Used after transcription, when Whisper no longer needs the core
        ``drafting_threads`` keeps free (``window_workers``)."""
        spare = (usable_cores or usable_cpu_cores()) - self._n_threads
        if spare < self._n_threads:
            return None
        return NoteModel(self.path, self.model_id, max_ctx=self._max_ctx, n_ctx=self._n_ctx, n_threads=self._n_threads,
                         fast_grammar=self._fast_grammar)

    def load(self) -> "NoteModel":
        with self._lock:
            if self._llm is not None:
                return self
            try:
                Llama = _llama_class(self._fast_grammar)
            except ImportError:  # pragma: no cover - a broken install
                raise ModelUnavailable("llama-cpp-python is not installed; run ./scripts/setup.") from None
            started = time.monotonic()
            n_ctx = self._n_ctx or min(self._max_ctx, self._training_context())
            try:
                self._llm = Llama(model_path=str(self.path), n_ctx=n_ctx, n_threads=self._n_threads,
                                  n_threads_batch=self._n_threads, verbose=False)
            except (ValueError, RuntimeError, OSError):
                raise ModelUnavailable(f"Model '{self.model_id}' could not be loaded (damaged or not a GGUF "
                                       f"chat model); {model_registry.SETUP_HINT}.") from None
            self._install_abort_hook()
            log.info("loaded note model %s (n_ctx=%d, threads=%d) in %.1f s", self.model_id, n_ctx,
                     self._n_threads, time.monotonic() - started)
            return self

    def _install_abort_hook(self) -> None:
        """Let Cancel stop llama.cpp inside a decode, not only between tokens: reading a long prompt
        is one decode per 512 tokens, seconds each on a busy laptop (measured: 6-10 s to cancel)."""
        import llama_cpp

        def should_abort(_data) -> bool:  # llama.cpp's compute threads, between graph nodes
            token = self._running_cancel
            return token is not None and token.cancelled

        self._abort_hook = llama_cpp.ggml_abort_callback(should_abort)
        llama_cpp.llama_set_abort_callback(self._llm._ctx.ctx, self._abort_hook, None)

    def _training_context(self) -> int:
        """The model's trained context length, read from the GGUF header without loading it."""
        try:
            return training_context(self.path)
        except (OSError, GGUFError):
            raise ModelUnavailable(f"Model '{self.model_id}' could not be read (damaged or not a GGUF "
                                   f"model); {model_registry.SETUP_HINT}.") from None

    @property
    def context_size(self) -> int:
        return self.load()._llm.n_ctx()

    def count_tokens(self, text: str) -> int:
        llm = self.load()._llm
        return len(llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def prompt_tokens(self, messages: list[dict]) -> int:
        """Tokens of the rendered chat (content plus a small allowance per message for the template)."""
        return sum(self.count_tokens(m["content"]) + 8 for m in messages) + 8

    def _grammar(self, schema: dict):
        from llama_cpp import LlamaGrammar

        key = json.dumps(schema)  # not sort_keys: property order is the order the model writes them in
        if key not in self._grammars:
            self._grammars[key] = LlamaGrammar.from_json_schema(key, verbose=False)
        return self._grammars[key]

    def _foreign_script_mask(self):
        if self._foreign_tokens is None:
            import llama_cpp

            from session_assistant.drafting.grammar_sampler import foreign_script_tokens, token_pieces

            self._foreign_tokens = foreign_script_tokens(token_pieces(llama_cpp, self._llm._model.vocab,
                                                                      self._llm.n_vocab()))
        return self._foreign_tokens

    def generate_json(self, messages: list[dict], schema: dict, max_tokens: int, *,
                      cancel: CancelToken | None = None, on_token: Callable[[int], None] | None = None,
                      latin_only: bool | None = None) -> Generation:
        """Chat completion constrained to ``schema``; greedy, streamed, cancellable between tokens.

        ``latin_only`` bans tokens with CJK, kana, Hangul, full-width or emoji characters; by
        default it is on when the messages hold none (small models drift into Chinese mid-sentence
        on an English transcript).

        Raises:
            ContextExceeded: when prompt plus ``max_tokens`` would not fit the context.
            Cancelled: when ``cancel`` is set (checked between tokens).
        """
        with self._lock:
            llm = self.load()._llm
            needed = self.prompt_tokens(messages) + max_tokens
            if needed > llm.n_ctx():
                raise ContextExceeded(
                    f"The input needs about {needed} tokens but model '{self.model_id}' holds {llm.n_ctx()}; "
                    "nothing was drafted. Choose a model with a larger context or draft a shorter part.")
            if latin_only is None:
                latin_only = not any(ord(ch) >= 0x3000 for m in messages for ch in m["content"])
            if self._fast_grammar:
                llm.banned_tokens = self._foreign_script_mask() if latin_only else None
            started = time.monotonic()
            pieces: list[str] = []
            finish, count = "length", 0
            stream = llm.create_chat_completion(
                messages=messages, grammar=self._grammar(schema), max_tokens=max_tokens,
                temperature=0.0, top_k=1, repeat_penalty=1.0, stream=True)
            self._running_cancel = cancel
            try:
                for chunk in stream:
                    if cancel is not None:
                        cancel.raise_if_cancelled()
                    choice = chunk["choices"][0]
                    piece = choice.get("delta", {}).get("content")
                    if piece:
                        pieces.append(piece)
                        count += 1
                        if on_token is not None:
                            on_token(count)
                    if choice.get("finish_reason"):
                        finish = choice["finish_reason"]
            except RuntimeError:
                if cancel is not None and cancel.cancelled:  # the abort hook stopped a decode
                    raise Cancelled() from None
                raise
            finally:
                self._running_cancel = None
                close = getattr(stream, "close", None)
                if close:
                    close()
            return Generation("".join(pieces), finish, count, time.monotonic() - started)

    def prefill(self, messages: list[dict], *, cancel: CancelToken | None = None) -> None:
        """Read ``messages`` into the model's cache now, before anyone asks for an answer.

        A later ``generate_json`` over the same messages then reads no prompt at all (llama.cpp
        keeps the longest common start of the previous prompt), and one over messages that start
        the same reads only what differs. The Summary form uses it while the clinician looks at
        the range: reading the prompt is about half of Generate's time on one core. The prompt is
        rendered by the same chat template as ``generate_json`` (a one-token completion), so the
        tokens match exactly.

        Raises:
            Cancelled: when ``cancel`` is set (checked inside the decode, by the abort hook).
        """
        with self._lock:
            llm = self.load()._llm
            if self.prompt_tokens(messages) + 1 > llm.n_ctx():
                return  # generate_json will say so, with the numbers
            self._running_cancel = cancel
            try:
                if cancel is not None:
                    cancel.raise_if_cancelled()
                llm.create_chat_completion(messages=messages, max_tokens=1, temperature=0.0, top_k=1,
                                           repeat_penalty=1.0)
            except RuntimeError:
                if cancel is not None and cancel.cancelled:
                    llm.reset()  # a decode stopped half-way leaves no usable cache
                    raise Cancelled() from None
                raise
            finally:
                self._running_cancel = None

    def take_cache_from(self, source: "NoteModel") -> bool:
        """Start from what ``source`` (another instance of the same GGUF) has read: its cache's
        tokens and their keys and values, copied (~28 kB a token for the 1.5B default). A sibling
        that takes some of a window's sections then reads only its own request, not the window
        again (on one core, reading a 600-token window is ~15 s). False, with this cache left
        empty, where llama.cpp does not take the copy: the next generation reads everything."""
        import ctypes

        import llama_cpp

        if source is self or source.path != self.path:
            return False
        with source._lock:
            src = source.load()._llm
            count = src.n_tokens
            size = llama_cpp.llama_state_seq_get_size(src._ctx.ctx, 0)
            data = (ctypes.c_uint8 * size)()
            written = llama_cpp.llama_state_seq_get_data(src._ctx.ctx, data, size, 0)
            tokens = src.input_ids[:count].copy()
        with self._lock:
            dst = self.load()._llm
            dst.reset()
            llama_cpp.llama_memory_clear(llama_cpp.llama_get_memory(dst._ctx.ctx), True)
            if not count or llama_cpp.llama_state_seq_set_data(dst._ctx.ctx, data, written, 0) != written:
                return False
            dst.input_ids[:count] = tokens
            dst.n_tokens = count
            dst._requires_eval = True  # no logits were copied: the next prompt's last token is read again
            return True

    def close(self) -> None:
        with self._lock:
            if self._llm is not None:
                self._llm.close()
                self._llm = None
