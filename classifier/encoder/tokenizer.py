"""A domain WordPiece tokenizer: Russian job posts need whole Cyrillic words, not letters."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
from transformers import PreTrainedTokenizerFast

SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
DEFAULT_VOCAB_SIZE = 12_000


def build_tokenizer(texts: Iterable[str], vocab_size: int = DEFAULT_VOCAB_SIZE) -> Tokenizer:
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]", max_input_chars_per_word=40))
    # strip_accents would turn "й" into "и" and "ё" into "е": keep Cyrillic letters intact,
    # fold only case and the ё/е spelling variance that posters mix freely.
    tok.normalizer = normalizers.Sequence([
        normalizers.NFKC(),
        normalizers.BertNormalizer(
            clean_text=True, handle_chinese_chars=False, strip_accents=False, lowercase=True
        ),
        normalizers.Replace("ё", "е"),
    ])
    # Digits split one by one: "150000" and "150к" share pieces instead of flooding the vocab.
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.BertPreTokenizer(),
        pre_tokenizers.Digits(individual_digits=True),
    ])
    tok.decoder = decoders.WordPiece(prefix="##")
    trainer = trainers.WordPieceTrainer(
        vocab_size=vocab_size,
        min_frequency=3,
        special_tokens=list(SPECIAL_TOKENS),
        limit_alphabet=400,
        continuing_subword_prefix="##",
    )
    tok.train_from_iterator(texts, trainer=trainer)
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    from tokenizers.processors import TemplateProcessing

    tok.post_processor = TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    return tok


def as_hf(tok: Tokenizer, model_max_length: int = 256) -> PreTrainedTokenizerFast:
    """Wrap for transformers so AutoTokenizer.from_pretrained reads it back from a model dir."""
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        model_max_length=model_max_length,
    )


def train_tokenizer(
    texts: Iterable[str], out_dir: Path, vocab_size: int = DEFAULT_VOCAB_SIZE,
    model_max_length: int = 256,
) -> PreTrainedTokenizerFast:
    hf = as_hf(build_tokenizer(texts, vocab_size), model_max_length)
    out_dir.mkdir(parents=True, exist_ok=True)
    hf.save_pretrained(str(out_dir))
    return hf
