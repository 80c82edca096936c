"""The optional LLM pass, with a fake structured-output runnable: only verified records survive."""

from __future__ import annotations

from typing import Any

from assistant.register.extract import extract_records
from assistant.register.llm_extract import (
    LLMRecord,
    LLMRecords,
    llm_records,
    make_structured_extractor,
    merge_records,
)
from tests.unit.register.conftest import document

PAGE = (
    "Wij zetten in op een intensievere samenwerking tussen Zorg en Veiligheid.\n"
    "Het college trekt 50.000 euro per jaar uit voor voorlichting over mensenhandel.\n"
    "Alle kinderen groeien veilig op."
)


class FakeStructured:
    def __init__(self, result: Any) -> None:
        self.result = result
        self.inputs: list[Any] = []

    def invoke(self, input: Any) -> Any:
        self.inputs.append(input)
        return self.result


class FakeChatModel:
    def __init__(self, runnable: FakeStructured) -> None:
        self.runnable = runnable
        self.schema: Any = None

    def with_structured_output(self, schema: Any) -> FakeStructured:
        self.schema = schema
        return self.runnable


def test_only_records_whose_quote_is_on_the_page_are_kept() -> None:
    proposed = LLMRecords(
        records=[
            LLMRecord(type="goal", text="Veilig opgroeien", quote="Alle kinderen groeien veilig op.", page=1),
            LLMRecord(
                type="budget",
                text="Voorlichting mensenhandel",
                page=1,
                quote="Het college trekt 50.000 euro per jaar uit voor voorlichting over mensenhandel.",
                amounts=[{"eur": 50000, "year": 2021}],
            ),
            LLMRecord(type="goal", text="Verzonnen", quote="Alle inwoners zijn gelukkig.", page=1),
        ]
    )
    fake = FakeStructured(proposed)
    model = FakeChatModel(fake)
    records = llm_records(*document([PAGE]), make_structured_extractor(model))
    assert model.schema is LLMRecords
    assert [(r.type, r.text, r.origin) for r in records] == [
        ("goal", "Veilig opgroeien", "llm"),
        ("budget", "Voorlichting mensenhandel", "llm"),
    ]
    assert records[1].amounts[0].eur == 50_000
    system, human = fake.inputs[0]
    assert system[0] == "system" and "[pagina 1]" in human[1]


def test_a_plain_dict_result_is_accepted_and_rule_records_are_not_duplicated() -> None:
    doc = document([PAGE])
    rules = extract_records(*doc)
    assert any(r.type == "measure" for r in rules)
    fake = FakeStructured(
        {
            "records": [
                {
                    "type": "measure",
                    "text": "samenwerking",
                    "page": 1,
                    "quote": "Wij zetten in op een intensievere samenwerking tussen Zorg en Veiligheid.",
                },
                {
                    "type": "goal",
                    "text": "Veilig opgroeien",
                    "page": 1,
                    "quote": "Alle kinderen groeien veilig op.",
                },
            ]
        }
    )
    merged = merge_records(rules, llm_records(*doc, fake))
    assert len([r for r in merged if r.type == "measure"]) == len([r for r in rules if r.type == "measure"])
    assert [r.text for r in merged if r.origin == "llm"] == ["Veilig opgroeien"]
