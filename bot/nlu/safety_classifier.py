"""A Rasa component that recognises crisis, abuse and danger in every message, before anything else answers."""

from __future__ import annotations

import logging
import pickle
import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.component_storage import files_fingerprint, load_json, save_json
from bot.safety.analysis import Analysis, SafetyAnalyzer
from bot.safety.catalogue import DETECTION_FILE, load_detection
from bot.safety.detector import SafetyDetector, detector_from_json, fold_for_match
from bot.safety.learned import NONE, LearnedSafety, kana_spelling, read_examples
from bot.safety.models import PARSE_KEY

logger = logging.getLogger(__name__)

SAFETY = PARSE_KEY
SAFETY_INTENT = "safety"
PATTERNS_FILE = "safety_detection.json"
LEARNED_FILE = "safety_classifier.pkl"
EXAMPLES_DIR = "examples"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SafetyClassifier(GraphComponent):
    """Set the intent to `safety` when a message describes a crisis, abuse or danger.

    The patterns (data/safety/detection.yml) are stored in the model at training time, so a
    trained model behaves the same wherever it runs. Runs last in the pipeline and overrides the
    topic classifier, the fallback and the FAQ ranker: 「死にたい」 must never reach the
    death-registration answer. The classifier's own ranking is kept below `safety`, and when the
    message is also plainly a procedure (a procedure word and a confident catalog topic, e.g.
    「夫の暴力から逃げてきた。住民票を見られないようにしたい」) that topic is passed on, so the
    action answers it after the safety reply.
    """

    @classmethod
    def required_components(cls) -> List[Type]:
        """Runs after tokenization like the other NLU components (it analyses the text itself, with
        the synonym groups and parts of speech the Rasa tokens do not carry)."""
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """Default configuration."""
        return {
            # Folder with detection.yml (patterns), replies.yml and lines.yml.
            "safety_dir": "data/safety",
            # The classifier's confidence in a catalog topic for it to be answered after the safety reply.
            "topic_min_confidence": 0.6,
            # The learned classifier (examples in <safety_dir>/examples) counts a situation from this
            # probability on; patterns count always. Chosen on the example sets (docs/safety-evaluation.md).
            "learned_threshold": 0.35,
            # Situations where a topic is answered after the safety reply only with a procedure word
            # (for the others a confident topic is always answered too, so a false alarm still answers).
            "crisis_categories": ["suicide", "dv", "child_abuse", "elder_abuse"],
            # Below `learned_threshold` but from this probability on, a crisis guess adds its one-line
            # pointer before the ordinary answer (`safety.maybe`); the message is answered as usual.
            "maybe_threshold": 0.2,
            # From this probability on, a guess of the classifier counts whatever else the message says: a
            # sure everyday topic (「ゴミの分別表を…それと彼に蹴られました」) and the situation's span-level
            # everyday wording (消火器 in 「ストーブから火が…消火器でも消えない」) no longer hold it back;
            # only unless_message, unless_everywhere and `settled` do. On messages it never learned, 1 of 255
            # everyday messages and 173 of 240 situations reached 0.8 on v11, 0 of 254 and 183 of 239 on v12; on
            # v12 it caused none of the 20 false alarms and served one situation more than without it
            # (docs/safety-evaluation-history.md).
            "sure_threshold": 0.8,
            # Learn every example a second time as kana only (its reading), for kana and half-width input.
            "kana_variants": True,
            # A guess of the classifier alone (no pattern) is dropped when the topic classifier is this sure
            # of one of these conversation intents: 「職員の人と話したい」 is a request for a person. Thanks and
            # goodbyes are not among them: 「今までありがとうございました」 can be a farewell, and neither is naming
            # the municipality: 「…今から行くって来た。会津美里町です。怖い」 is a report that says where.
            "conversation_intents": [
                "request_human",
                "greet",
                "bot_challenge",
                "affirm",
                "deny",
                "escalate",
            ],
            "conversation_min_confidence": 0.8,
            # When the topic classifier is this sure of an everyday topic (any intent not listed in
            # `not_topics`), a guess of the classifier alone drops one tier: a crisis becomes a "maybe" (its
            # pointer, then the topic's answer), anything else and a "maybe" are dropped. Patterns always count.
            # On the safety examples no crisis message reaches 0.8 for a topic (docs/safety-evaluation.md).
            "everyday_topic_min_confidence": 0.8,
            "not_topics": ["emergency", "out_of_scope", "thank", "goodbye", "nlu_fallback", "choose_faq"],
            # Words that show a message is (also) about a procedure; only then is a topic answered too.
            "procedure_cues": (
                "住民票|戸籍|届|手続|申請|証明|手当|給付|助成|補助|保険証|国保|国民健康保険|年金|保育|入園|"
                "転校|転入|転出|引っ越|引越|ごみ|ゴミ|収集|生活保護|公営住宅|町営住宅|市営住宅|村営住宅|"
                "入居|閲覧|支援措置|マイナンバー|介護保険|要介護|り災|罹災|税"
            ),
        }

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        detector: Optional[SafetyDetector] = None,
        learned: Optional[LearnedSafety] = None,
    ) -> None:
        """Create the classifier around a compiled detector and a fitted classifier (None until trained)."""
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._detector = detector
        self._learned = learned
        self._analyzer = SafetyAnalyzer()
        self._cues = re.compile(fold_for_match(str(config["procedure_cues"])))

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyClassifier:
        """Create an untrained classifier."""
        return cls(config, model_storage, resource)

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """Retrain when the patterns or the examples change."""
        directory = Path(config.get("safety_dir", "data/safety"))
        return files_fingerprint(directory, DETECTION_FILE) + files_fingerprint(directory / EXAMPLES_DIR, "*.jsonl")

    def _fit(self, training_data: TrainingData, categories: List[str]) -> LearnedSafety:
        examples = read_examples(Path(self._config["safety_dir"]) / EXAMPLES_DIR)
        examples += [
            (m.get(TEXT) or "", "emergency" if m.get(INTENT) == "emergency" else NONE)
            for m in training_data.intent_examples
        ]
        analyses = [self._analyzer.analyze(text) for text, _ in examples]
        labels = [label if label in categories else NONE for _, label in examples]
        if self._config["kana_variants"]:
            spelled = [(kana_spelling(a), label) for a, label in zip(analyses, labels, strict=True)]
            kana = [(self._analyzer.analyze(text), label) for text, label in spelled if text]
            analyses += [a for a, _ in kana]
            labels += [label for _, label in kana]
        return LearnedSafety.fit(analyses, labels)

    def train(self, training_data: TrainingData) -> Resource:
        """Check and store the patterns and fit the classifier (a broken pattern fails training)."""
        detection = load_detection(Path(self._config["safety_dir"]))
        SafetyDetector(detection)  # compiles every pattern
        learned = self._fit(training_data, list(detection.categories))
        save_json(self._model_storage, self._resource, PATTERNS_FILE, detection.dict())
        with self._model_storage.write_to(self._resource) as path:
            (path / LEARNED_FILE).write_bytes(pickle.dumps(learned))
        logger.info("SafetyClassifier: %d categories", len(detection.categories))
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SafetyClassifier:
        """Load and compile the stored patterns."""
        stored = load_json(model_storage, resource, PATTERNS_FILE)
        if stored is None:
            raise ValueError("SafetyClassifier: the model holds no safety patterns; retrain it")
        with model_storage.read_from(resource) as path:
            learned = pickle.loads((path / LEARNED_FILE).read_bytes())  # noqa: S301 - our own model file
        return cls(config, model_storage, resource, detector_from_json(stored), learned)

    def _topic_too(self, message: Message, text: str, categories: List[str]) -> Optional[str]:
        """The catalog topic to answer after the safety reply, when the message is also a procedure."""
        intent = message.get(INTENT) or {}
        name, confidence = intent.get("name"), float(intent.get("confidence") or 0)
        if not name or confidence < float(self._config["topic_min_confidence"]):
            return None
        crisis = set(self._config["crisis_categories"]) & set(categories)
        return str(name) if not crisis or self._cues.search(fold_for_match(text)) else None

    def categories(self, text: str) -> List[str]:
        """The situations in a message: the patterns' in their order, then the classifier's guess."""
        return self.assess(text)[0]

    def assess(self, text: str, topic_confidence: float = 0.0) -> tuple[List[str], Optional[str]]:
        """The situations that apply, and a crisis the classifier only half-thinks applies ("maybe").

        The classifier's guess counts from `learned_threshold`, a crisis guess is a "maybe" from
        `maybe_threshold`; either is dropped when the message has that situation's everyday wording
        (e.g. 「クマ鈴」「虐待防止の研修」). A message that is a single noun (「夫」「年金」) gets no guess;
        every situation the classifier is sure of counts. When the topic classifier is sure of an everyday
        topic (`topic_confidence`), the guess drops one tier (see `everyday_topic_min_confidence`); when the
        message tells of something past and settled (detection.yml `settled`), every situation does.
        """
        analysis = self._analyzer.analyze(text)
        categories, maybe = self._situations(text, analysis, topic_confidence)
        if (categories or maybe) and self._detector and self._detector.settled(text):
            if self._detector.paperwork(text):  # 「以前の支援措置を解除したい」: the procedure alone
                return [], None
            # Over and done with (「去年…もう解決しました」): a crisis keeps its one-line pointer, nothing else.
            crises = [c for c in categories + [maybe] if c in self._config["crisis_categories"]]
            return [], crises[0] if crises else None
        return categories, maybe

    def _situations(self, text: str, analysis: Analysis, topic_confidence: float) -> tuple[List[str], Optional[str]]:
        found = self._detector.detect(text, analysis.reading) if self._detector else []
        guesses = self._guesses(analysis)
        sure = [
            c
            for c, p in guesses
            if p >= float(self._config["sure_threshold"])
            and c not in found
            and not self._everyday(c, text, analysis.reading, spans=False)
        ]
        if sure:  # a crisis behind an ordinary question still comes first
            return found + sure, None
        if not guesses or self._everyday(guesses[0][0], text, analysis.reading):
            return found, None
        category, probability = guesses[0]
        crisis = not found and category in self._config["crisis_categories"]
        everyday_topic = topic_confidence >= float(self._config["everyday_topic_min_confidence"])
        threshold = float(self._config["learned_threshold"])
        if probability >= threshold:
            if category in found or not everyday_topic:
                # Two situations in one message (a father hitting the mother and the child) get both replies.
                sure = [
                    c
                    for c, p in guesses
                    if p >= threshold and c not in found and not self._everyday(c, text, analysis.reading)
                ]
                return found + sure, None
            return found, category if crisis else None
        if everyday_topic:
            return found, None
        return found, category if crisis and probability >= float(self._config["maybe_threshold"]) else None

    def _everyday(self, category: str, text: str, reading: str, spans: bool = True) -> bool:
        return bool(self._detector and self._detector.everyday(category, text, reading, spans))

    def _guesses(self, analysis: Analysis) -> List[Tuple[str, float]]:
        """The classifier's situations, most likely first (none for a message that is a single noun)."""
        if self._learned is None or analysis.lone_noun:
            return []
        return self._learned.ranked(analysis)

    def classify(self, message: Message) -> None:
        """Add `safety` to one message and, when a situation applies (or maybe a crisis), route it to `safety`."""
        text = message.get(TEXT) or ""
        if self._detector is None or not text or text.startswith("/"):
            return
        if self._conversation(message):  # small talk or a request for a person: only the patterns count
            categories, maybe = self._patterns_only(text), None
        else:
            categories, maybe = self.assess(text, self._topic_confidence(message))
        if categories:
            topic = self._topic_too(message, text, categories)
            message.set(SAFETY, {"categories": categories, "topic": topic}, add_to_output=True)
        elif maybe is not None:
            message.set(SAFETY, {"categories": [], "topic": None, "maybe": maybe}, add_to_output=True)
        else:
            if self._quiet(text):  # a course, a drill, paperwork after the fact: no "maybe 119" either
                message.set(SAFETY, {"categories": [], "topic": None, "quiet": True}, add_to_output=True)
            return
        self._route_to_safety(message)

    def _quiet(self, text: str) -> bool:
        """No situation, and the message is plainly everyday: a course or drill, or settled paperwork."""
        return bool(self._detector and (self._detector.everyday_everywhere(text) or self._detector.settled(text)))

    def _conversation(self, message: Message) -> bool:
        """The topic classifier is sure the message is small talk or a request for a person."""
        intent = message.get(INTENT) or {}
        return intent.get("name") in self._config["conversation_intents"] and float(
            intent.get("confidence") or 0
        ) >= float(self._config["conversation_min_confidence"])

    def _topic_confidence(self, message: Message) -> float:
        """How sure the topic classifier is of an everyday topic (0 for small talk, fallback and the like)."""
        intent = message.get(INTENT) or {}
        excluded = set(self._config["not_topics"]) | set(self._config["conversation_intents"]) | {SAFETY_INTENT}
        return 0.0 if intent.get("name") in excluded or not intent.get("name") else float(intent.get("confidence") or 0)

    def _patterns_only(self, text: str) -> List[str]:
        """The situations the patterns find (text and reading), without the classifier."""
        return self._detector.detect(text, self._analyzer.analyze(text).reading) if self._detector else []

    @staticmethod
    def _route_to_safety(message: Message) -> None:
        """Make `safety` the intent, keeping the classifier's ranking (and its first intent) below it."""
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != SAFETY_INTENT]
        first = dict(message.get(INTENT) or {})
        safety = message.get(SAFETY) or {}
        message.set(SAFETY, {**safety, "intent": first}, add_to_output=True)
        message.set(INTENT, {"name": SAFETY_INTENT, "confidence": 1.0}, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [{"name": SAFETY_INTENT, "confidence": 1.0}] + ranking, add_to_output=True)

    def process(self, messages: List[Message]) -> List[Message]:
        """Classify each message."""
        for message in messages:
            self.classify(message)
        return messages
