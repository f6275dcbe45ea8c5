"""Threat and control catalogs: versioned JSON data files, validated on load.

The shipped catalogs live in ``catalogs/`` at the top of the repository (one file per layer).
Organisations add their own threats, controls and likelihood rules in user catalog files of
the same format; those files must declare a ``namespace`` and prefix every id they define
with it (``acme:legacy-pacs-share``), so they can never clash with or silently replace a
shipped entry. Every applicability rule is a declarative :class:`Condition`, checked against
the fact vocabulary of :mod:`workbench.model.facts`: a typo is a load error, not a rule that
quietly never fires. Nothing in a catalog is ever evaluated as code.
"""


import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError, model_validator

from workbench.data import data_dir
from workbench.model.base import Identifier, ShortText, Strict, Text, new_list
from workbench.model.conditions import Condition, check_condition
from workbench.model.enums import Layer, Stride
from workbench.model.errors import ModelError, Problem, format_loc
from workbench.model.facts import COMPONENT_VOCABULARY, FLOW_VOCABULARY
from workbench.model.io import read_json_document

CATALOG_FORMAT = 1
#: Catalog files are small; a multi-megabyte "catalog" is hostile or a mistake.
MAX_CATALOG_BYTES = 4 * 1024 * 1024
#: Environment variable listing extra user catalog files (``os.pathsep`` separated).
USER_CATALOG_ENV = "WORKBENCH_CATALOGS"

RefLevel = Annotated[int, Field(ge=1, le=4)]
Effectiveness = Annotated[float, Field(ge=0.0, le=1.0)]

LINDDUN = Literal["linking", "identifying", "non_repudiation", "detecting",
                  "data_disclosure", "unawareness", "non_compliance"]
#: How the attacker reaches the element (the CVSS attack-vector idea, widened for health):
#: over a network, from radio or LAN proximity, from code on the same device, by hand,
#: through a supplier, as an insider or partner, or by accident.
Vector = Literal["network", "adjacent", "local", "physical", "supply_chain", "insider",
                 "accidental"]
#: What a threat does to the attacker's position (docs/attack-paths.md): ``control`` gives
#: the attacker the element (its commands, code or credentials) and is the only effect that
#: moves the attacker on; ``expose`` reads its data; ``deny`` stops its service.
Effect = Literal["control", "expose", "deny"]
#: The STRIDE letters that can back each effect (checked on load).
EFFECT_STRIDE = {"control": {"S", "T", "E"}, "expose": {"I"}, "deny": {"D"}}
SafeBio = Literal["authentication", "identity_proofing", "digital_signature",
                  "information_integrity"]

_ISO_RANGES = {5: 37, 6: 8, 7: 14, 8: 34}  # ISO/IEC 27001:2022 Annex A clause sizes
_ISO_RE = re.compile(r"^A\.([5-8])\.(\d{1,2})$")
_GDPR_RE = re.compile(r"^Art\. ([1-9]\d?)(\(\d+\))?$")
_CAPEC_RE = re.compile(r"^CAPEC-\d{1,4}$")
_CWE_RE = re.compile(r"^CWE-\d{1,4}$")
_EMB3D_T_RE = re.compile(r"^(TID|PID)-\d{3}$")
_EMB3D_M_RE = re.compile(r"^MID-\d{3}$")
_ATTACK_RE = re.compile(r"^T\d{4}(\.\d{3})?$")


class ThreatReferences(Strict):
    capec: list[ShortText] = Field(default_factory=new_list)
    cwe: list[ShortText] = Field(default_factory=new_list)
    emb3d: list[ShortText] = Field(default_factory=new_list)
    attack_ics: list[ShortText] = Field(default_factory=new_list)
    attack_mobile: list[ShortText] = Field(default_factory=new_list)
    attack_enterprise: list[ShortText] = Field(default_factory=new_list)
    other: list[ShortText] = Field(default_factory=new_list)

    @model_validator(mode="after")
    def _formats(self) -> "ThreatReferences":
        _check_all(self.capec, _CAPEC_RE, "CAPEC id like CAPEC-94")
        _check_all(self.cwe, _CWE_RE, "CWE id like CWE-319")
        _check_all(self.emb3d, _EMB3D_T_RE, "EMB3D threat or property id like TID-201")
        for name in ("attack_ics", "attack_mobile", "attack_enterprise"):
            _check_all(getattr(self, name), _ATTACK_RE, "ATT&CK technique id like T0831")
        return self


class ControlReferences(Strict):
    iso27001: list[ShortText] = Field(default_factory=new_list)
    hds: list[ShortText] = Field(default_factory=new_list)
    gdpr: list[ShortText] = Field(default_factory=new_list)
    has_5b: list[Literal["E1", "E2", "E3"]] = Field(default_factory=new_list)
    incident_reporting: bool = False  # French public health code art. L.1111-8-2
    iec_81001_5_1: list[ShortText] = Field(default_factory=new_list)
    iec_62443: list[ShortText] = Field(default_factory=new_list)
    fda_premarket: list[ShortText] = Field(default_factory=new_list)
    safe_biopharma: list[SafeBio] = Field(default_factory=new_list)
    emb3d: list[ShortText] = Field(default_factory=new_list)
    other: list[ShortText] = Field(default_factory=new_list)

    @model_validator(mode="after")
    def _formats(self) -> "ControlReferences":
        for ref in self.iso27001:
            match = _ISO_RE.match(ref)
            if not match or not 1 <= int(match.group(2)) <= _ISO_RANGES[int(match.group(1))]:
                raise ValueError(f"{ref!r} is not an ISO/IEC 27001:2022 Annex A control "
                                 f"(A.5.1-A.5.37, A.6.1-A.6.8, A.7.1-A.7.14, A.8.1-A.8.34)")
        _check_all(self.gdpr, _GDPR_RE, "GDPR article like 'Art. 32'")
        _check_all(self.emb3d, _EMB3D_M_RE, "EMB3D mitigation id like MID-026")
        return self


def _check_all(values: list[str], pattern: re.Pattern[str], what: str) -> None:
    for value in values:
        if not pattern.match(value):
            raise ValueError(f"{value!r} is not a {what}")


class ThreatType(Strict):
    """One kind of threat, and the rule saying on which elements or flows it applies."""

    id: Identifier
    title: ShortText
    title_fr: ShortText | None = None
    description: Text
    applies_to: Literal["component", "flow"] = "component"
    layers: list[Layer] = Field(default_factory=new_list)
    stencils: list[Identifier] = Field(default_factory=new_list)
    when: Condition | None = None
    stride: list[Stride] = Field(min_length=1)
    #: None only in user catalogs (then derived from STRIDE, see :meth:`effects`); shipped
    #: threats must declare it. An empty list: no change to the attacker's position
    #: (accidents, missing audit trails).
    effect: list[Effect] | None = None
    vector: Vector = "network"
    linddun: list[LINDDUN] = Field(default_factory=new_list)
    patient_safety: bool = False
    hazard: ShortText | None = None
    harm: ShortText | None = None
    #: The role ``harm`` is written for: "therapy" (the element performs or delivers to a
    #: therapy function) or "care" (also any safety function, or a care system serving
    #: many); elsewhere the harm follows the element (``analysis/harm.py``). None: any.
    harm_presumes: Literal["therapy", "care"] | None = None
    mass_harm: bool = False
    #: The attack needs the element's own hardware in hand (open the case, read a debug
    #: port, extract a key from one unit): it never applies to an element whose stencil is
    #: tagged ``software`` (an app on a person's phone, a cloud service). Shipped threats of
    #: vector ``physical`` must say it, true or false (``workbench catalog check``).
    needs_hardware: bool | None = None
    default_likelihood: RefLevel = 2
    base_severity: RefLevel = 2
    impacts: list[Identifier] = Field(min_length=1)
    references: ThreatReferences = Field(default_factory=ThreatReferences)
    suggested_controls: list[Identifier] = Field(default_factory=new_list)

    @model_validator(mode="after")
    def _safety(self) -> "ThreatType":
        if self.patient_safety and not (self.hazard and self.harm):
            raise ValueError("a patient-safety threat needs 'hazard' and 'harm' "
                             "(ISO 14971 vocabulary)")
        if self.harm_presumes and not self.harm:
            raise ValueError("'harm_presumes' says which role 'harm' is written for; "
                             "give 'harm'")
        if self.mass_harm and not self.patient_safety:
            raise ValueError("'mass_harm' only makes sense on a patient-safety threat")
        if self.applies_to == "flow" and self.stencils:
            raise ValueError("flow threats cannot list 'stencils'; use a condition on "
                             "source.stencil / target.stencil / via.stencils")
        letters = {getattr(x, "value", x) for x in self.stride}
        for effect in self.effect or ():
            if not EFFECT_STRIDE[effect] & letters:
                raise ValueError(f"effect {effect!r} needs one of STRIDE "
                                 f"{'/'.join(sorted(EFFECT_STRIDE[effect]))} in 'stride'")
        if self.effect is not None and len(set(self.effect)) != len(self.effect):
            raise ValueError("'effect' lists an effect twice")
        return self

    @property
    def effects(self) -> frozenset[str]:
        """The declared effect, else the one STRIDE implies (S/T/E control, I expose, D deny)."""
        if self.effect is not None:
            return frozenset(self.effect)
        return effects_from_stride(self.stride)

    @property
    def vocabulary(self) -> frozenset[str]:
        return FLOW_VOCABULARY if self.applies_to == "flow" else COMPONENT_VOCABULARY


ControlKind = Literal["prevent", "detect", "respond", "recover"]
PlacementSite = Literal["component", "flow"]


class ControlPlacement(Strict):
    """Where a control can be put in place: the elements a candidate may sit on.

    Declarative filters, all optional (see ``docs/catalog.md``, "Placement"); a control
    without placement can answer its threats wherever they sit. ``on``: components, flows
    or both (default both). ``layers``: component layers (default any). A control's own
    ``layers`` say where it is implemented, not what it protects (network redundancy
    answers a cloud outage), so they are not a placement rule.
    ``stencils`` / ``tags``: an allow-list, met by the component's stencil or, for a flow,
    by one of its carrier networks (a wireless flow also counts as tagged ``wireless``).
    ``not_stencils`` / ``not_tags``: never on these. ``why``: the reason, shown by
    ``catalog controls --json`` and in the docs.
    """

    on: list[PlacementSite] | None = Field(default=None, min_length=1)
    layers: list[Layer] | None = Field(default=None, min_length=1)
    stencils: list[Identifier] = Field(default_factory=new_list)
    tags: list[ShortText] = Field(default_factory=new_list)
    not_stencils: list[Identifier] = Field(default_factory=new_list)
    not_tags: list[ShortText] = Field(default_factory=new_list)
    why: ShortText | None = None


def effects_from_stride(stride: Iterable) -> frozenset[str]:
    """Effects implied by STRIDE letters, for threats that declare none (custom threats)."""
    letters = {getattr(x, "value", x) for x in stride}
    return frozenset(e for e, backing in EFFECT_STRIDE.items() if backing & letters)


class ControlType(Strict):
    """One kind of control: what it does, how well, which threats it answers, what it costs."""

    id: Identifier
    title: ShortText
    title_fr: ShortText | None = None
    description: Text
    layers: list[Layer] = Field(min_length=1)
    kind: ControlKind
    effectiveness: Effectiveness
    reduces: Literal["likelihood", "impact", "both"] | None = None
    mitigates: list[Identifier] = Field(default_factory=new_list)
    cost: Literal["low", "medium", "high"]
    references: ControlReferences = Field(default_factory=ControlReferences)
    placement: ControlPlacement | None = None

    @property
    def sites(self) -> tuple[str, ...]:
        """Element kinds the control can sit on (``component``, ``flow``); both unless its
        placement says otherwise."""
        if self.placement is not None and self.placement.on:
            return tuple(self.placement.on)
        return ("component", "flow")

    @property
    def placement_layers(self) -> frozenset[str] | None:
        """Component layers the control can sit on (``None``: any layer)."""
        if self.placement is None or not self.placement.layers:
            return None
        return frozenset(lay.value for lay in self.placement.layers)

    @property
    def layer(self) -> Layer:
        """Main layer (the first listed)."""
        return self.layers[0]

    @property
    def reduces_effective(self) -> str:
        """What the control lowers: preventive and detective controls make an attack less
        likely to succeed, response and recovery controls limit what it costs."""
        if self.reduces:
            return self.reduces
        return "likelihood" if self.kind in ("prevent", "detect") else "impact"


class LikelihoodAdjustment(Strict):
    """A fact that makes a threat more (or less) likely than its catalog default, and why."""

    id: Identifier
    applies_to: Literal["component", "flow"]
    when: Condition
    delta: Annotated[int, Field(ge=-2, le=2)]
    reason: ShortText
    stride: list[Stride] = Field(default_factory=new_list)  # empty: every threat
    vectors: list[Vector] = Field(default_factory=new_list)  # empty: every attack vector
    #: Only these catalog threats (empty: every threat the STRIDE and vector lists allow).
    threats: list[Identifier] = Field(default_factory=new_list)
    #: The condition *is* the weakness the threat exploits, declared in the model (records
    #: on the internet asking for no login; a pump taking commands from anyone): the threat
    #: is a finding, not a possibility. Ranked first among equals (docs/risk-model.md).
    finding: bool = False
    #: The fact says who can *attempt* the threat (reachable from the internet), not how
    #: likely it is to work once attempted. The attack graph models reach with its own
    #: edges (the internet is an entry), so its step chances leave these adjustments out
    #: (``ThreatRisk.step_likelihood``); the risk's likelihood keeps them.
    reach: bool = False

    @model_validator(mode="after")
    def _finding_names_threats(self) -> "LikelihoodAdjustment":
        if self.finding and not self.threats:
            raise ValueError("a 'finding' adjustment must name its 'threats' (the weakness "
                             "it declares is the one those threats exploit)")
        return self

    def concerns(self, threat: ThreatType | None, stride: set[Stride]) -> bool:
        """Whether this adjustment bears on a threat with this STRIDE set and vector."""
        if self.threats and (threat is None or threat.id not in self.threats):
            return False
        if self.stride and not stride & set(self.stride):
            return False
        return not self.vectors or (threat is not None and threat.vector in self.vectors)


class CatalogFile(Strict):
    """What one catalog file holds; shipped and user files share the format."""

    catalog_format: Literal[1]
    namespace: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{1,31}$")] | None = None
    version: ShortText | None = None
    description: Text | None = None
    threats: list[ThreatType] = Field(default_factory=new_list)
    controls: list[ControlType] = Field(default_factory=new_list)
    adjustments: list[LikelihoodAdjustment] = Field(default_factory=new_list)


@dataclass
class Catalog:
    """Threat types, control types and likelihood adjustments by id, from all files."""

    threats: dict[str, ThreatType] = field(default_factory=dict)
    controls: dict[str, ControlType] = field(default_factory=dict)
    adjustments: list[LikelihoodAdjustment] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # id -> file path
    versions: dict[str, str] = field(default_factory=dict)  # file name -> version
    _links: dict[str, list[ControlType]] = field(default_factory=dict, repr=False)

    def controls_for(self, threat_id: str) -> list[ControlType]:
        """Every control linked to the threat, from either side of the many-to-many link."""
        if threat_id not in self._links:
            self._links[threat_id] = self._controls_for(threat_id)
        return list(self._links[threat_id])

    def _controls_for(self, threat_id: str) -> list[ControlType]:
        threat = self.threats.get(threat_id)
        ids = list(threat.suggested_controls) if threat else []
        ids += [c.id for c in self.controls.values() if threat_id in c.mitigates]
        seen: dict[str, ControlType] = {}
        for cid in ids:
            if cid in self.controls and cid not in seen:
                seen[cid] = self.controls[cid]
        return list(seen.values())

    def threats_for(self, control_id: str) -> list[ThreatType]:
        control = self.controls.get(control_id)
        ids = set(control.mitigates) if control else set()
        ids |= {t.id for t in self.threats.values() if control_id in t.suggested_controls}
        return [self.threats[t] for t in sorted(ids) if t in self.threats]


def catalogs_dir() -> Path:
    """The shipped catalog folder (package data)."""
    return data_dir("catalogs")


#: Sub-folders of ``catalogs/`` that hold threat, control and adjustment files; other files
#: there (review checklists...) belong to other features and are not read here.
CATALOG_FOLDERS = ("threats", "controls", "adjustments")


def shipped_catalog_files() -> list[Path]:
    root = catalogs_dir()
    return [p for folder in CATALOG_FOLDERS for p in sorted((root / folder).glob("*.json"))]


def user_catalog_files() -> list[Path]:
    """The user's catalogs: the ``catalogs/`` folder of the per-user data folder
    (model/userdata.py), then files named in ``$WORKBENCH_CATALOGS`` (``os.pathsep``)."""
    from workbench.model.userdata import user_files

    raw = os.environ.get(USER_CATALOG_ENV, "")
    named = [Path(p) for p in raw.split(os.pathsep) if p.strip()]
    return [*user_files("catalogs"), *named]


def read_catalog_file(path: Path) -> CatalogFile:
    """Parse and validate one file; every problem names the file and the JSON path."""
    doc = read_json_document(path, max_bytes=MAX_CATALOG_BYTES)
    if not isinstance(doc, dict):
        raise ModelError([Problem("$", "a catalog file must hold a JSON object")], str(path))
    try:
        return CatalogFile.model_validate(doc)
    except ValidationError as exc:
        problems = [Problem(format_loc(e["loc"]), _message(e)) for e in exc.errors()]
        raise ModelError(problems, str(path)) from None
    except RecursionError:
        raise ModelError([Problem("$", "structure nested too deeply")], str(path)) from None


def _message(error: dict) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown field (see docs/catalog.md)"
    if error["type"] == "literal_error" and error["loc"] and error["loc"][-1] == "op":
        return f"unknown operator {error.get('input')!r} (see docs/conditions.md)"
    message = str(error["msg"]).removeprefix("Value error, ")
    value = error.get("input")
    if error["type"] != "missing" and isinstance(value, str | int | float | bool):
        shown = repr(value)
        return f"{message} (got {shown[:57] + '...' if len(shown) > 60 else shown})"
    return message


def load_catalog(extra_paths: Iterable[str | Path] = (), *,
                 include_user_env: bool = True) -> Catalog:
    """Shipped catalogs plus user files; raises :class:`ModelError` listing every problem.

    User files come from ``extra_paths`` and from ``$WORKBENCH_CATALOGS``. Cross references
    (controls named by threats, threats named by controls) must resolve across all files.
    """
    shipped = shipped_catalog_files()
    extra = [Path(p) for p in extra_paths]
    if include_user_env:
        extra += [p for p in user_catalog_files() if p not in extra]
    catalog = Catalog()
    problems: list[tuple[str, Problem]] = []
    for path, is_user in [(p, False) for p in shipped] + [(p, True) for p in extra]:
        parsed = read_catalog_file(path)
        for problem in _file_problems(parsed, is_user):
            problems.append((str(path), problem))
        _merge(catalog, parsed, path, problems)
    for threat_id, threat in catalog.threats.items():
        src = catalog.sources[threat_id]
        for j, cid in enumerate(threat.suggested_controls):
            if cid not in catalog.controls:
                problems.append((src, Problem(f"threats[{threat_id}].suggested_controls[{j}]",
                                              f"threat {threat_id!r} suggests unknown control "
                                              f"{cid!r}")))
    for control_id, control in catalog.controls.items():
        src = catalog.sources[control_id]
        for j, tid in enumerate(control.mitigates):
            if tid not in catalog.threats:
                problems.append((src, Problem(f"controls[{control_id}].mitigates[{j}]",
                                              f"control {control_id!r} mitigates unknown threat "
                                              f"{tid!r}")))
    for i, adj in enumerate(catalog.adjustments):
        for j, tid in enumerate(adj.threats):
            if tid not in catalog.threats:
                problems.append((catalog.sources.get(adj.id, "adjustments"),
                                 Problem(f"adjustments[{i}].threats[{j}]",
                                         f"adjustment {adj.id!r} names unknown threat {tid!r}")))
    if problems:
        first_source = problems[0][0]
        raise ModelError([p if s == first_source else Problem(f"{s}: {p.path}", p.message)
                          for s, p in problems], first_source)
    return catalog


def _file_problems(parsed: CatalogFile, is_user: bool) -> list[Problem]:
    """Rules that need the whole file: vocabulary, namespaces."""
    problems: list[Problem] = []
    for i, threat in enumerate(parsed.threats):
        if threat.when is not None:
            for message in check_condition(threat.when, threat.vocabulary):
                problems.append(Problem(f"threats[{i}].when", f"threat {threat.id!r}: {message}"))
        if threat.applies_to == "flow" and threat.layers:
            problems.append(Problem(f"threats[{i}].layers",
                                    f"threat {threat.id!r}: flow threats have no layers"))
        if threat.effect is None and not is_user:
            problems.append(Problem(f"threats[{i}].effect",
                                    f"threat {threat.id!r}: shipped threats must declare "
                                    f"'effect' (control, expose, deny or [])"))
    problems += _placement_problems(parsed)
    for i, adj in enumerate(parsed.adjustments):
        vocabulary = FLOW_VOCABULARY if adj.applies_to == "flow" else COMPONENT_VOCABULARY
        for message in check_condition(adj.when, vocabulary):
            problems.append(Problem(f"adjustments[{i}].when", f"adjustment {adj.id!r}: {message}"))
    sections = (("threats", parsed.threats), ("controls", parsed.controls),
                ("adjustments", parsed.adjustments))
    if is_user:
        if parsed.namespace is None:
            problems.append(Problem("namespace", "a user catalog must declare a 'namespace' "
                                                 "(e.g. \"acme\") and prefix its ids with it"))
        else:
            prefix = parsed.namespace + ":"
            for section, items in sections:
                for i, item in enumerate(items):
                    if not item.id.startswith(prefix):
                        problems.append(Problem(f"{section}[{i}].id",
                                                f"id {item.id!r} must start with {prefix!r} "
                                                f"(the file's namespace)"))
    else:
        for section, items in sections:
            for i, item in enumerate(items):
                if ":" in item.id:
                    problems.append(Problem(f"{section}[{i}].id",
                                            f"shipped id {item.id!r} must not contain ':'"))
    return problems


def _placement_problems(parsed: CatalogFile) -> list[Problem]:
    """Stencil ids and tags named by a control's placement must exist (a typo would
    silently hide the control everywhere)."""
    from workbench.model.stencils import default_stencils

    library = default_stencils()
    known_stencils = {s.id for s in library}
    known_tags = {t for s in library for t in s.tags} | {"wireless"}
    problems: list[Problem] = []
    for i, control in enumerate(parsed.controls):
        rule = control.placement
        if rule is None:
            continue
        for name in ("stencils", "not_stencils"):
            for j, value in enumerate(getattr(rule, name)):
                if value not in known_stencils:
                    problems.append(Problem(f"controls[{i}].placement.{name}[{j}]",
                                            f"control {control.id!r}: unknown stencil {value!r}"))
        for name in ("tags", "not_tags"):
            for j, value in enumerate(getattr(rule, name)):
                if value not in known_tags:
                    problems.append(Problem(
                        f"controls[{i}].placement.{name}[{j}]",
                        f"control {control.id!r}: no stencil has the tag {value!r} "
                        f"(known: {', '.join(sorted(known_tags))})"))
        if rule.layers and rule.on == ["flow"]:
            problems.append(Problem(f"controls[{i}].placement.layers",
                                    f"control {control.id!r}: 'layers' concern components, "
                                    f"but 'on' is only [\"flow\"]"))
    return problems


def _merge(catalog: Catalog, parsed: CatalogFile, path: Path,
           problems: list[tuple[str, Problem]]) -> None:
    catalog.versions[path.name] = parsed.version or ""
    for section, items, target in (("threats", parsed.threats, catalog.threats),
                                   ("controls", parsed.controls, catalog.controls)):
        for i, item in enumerate(items):
            if item.id in catalog.sources:
                problems.append((str(path), Problem(
                    f"{section}[{i}].id",
                    f"duplicate id {item.id!r} (already defined in {catalog.sources[item.id]})")))
                continue
            target[item.id] = item  # type: ignore[assignment]
            catalog.sources[item.id] = str(path)
    for i, adj in enumerate(parsed.adjustments):
        key = f"adjustment:{adj.id}"
        if key in catalog.sources:
            problems.append((str(path), Problem(f"adjustments[{i}].id",
                                                f"duplicate adjustment id {adj.id!r}")))
            continue
        catalog.sources[key] = str(path)
        catalog.adjustments.append(adj)


_DEFAULT: Catalog | None = None


def default_catalog() -> Catalog:
    """The catalog with user files from the environment, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_catalog()
    return _DEFAULT


def check_catalog(catalog: Catalog, impact_categories: Iterable[str]) -> list[Problem]:
    """Deeper checks for ``workbench catalog check``: categories known, every threat answered,
    every threat-control link placeable somewhere (see :mod:`workbench.analysis.placement`)."""
    from workbench.analysis.placement import placement_problems
    from workbench.model.stencils import default_stencils

    known = set(impact_categories)
    problems: list[Problem] = []
    for tid, threat in catalog.threats.items():
        for cat in threat.impacts:
            if cat not in known:
                problems.append(Problem(f"{catalog.sources[tid]}: {tid}.impacts",
                                        f"unknown impact category {cat!r}"))
        if not catalog.controls_for(tid):
            problems.append(Problem(f"{catalog.sources[tid]}: {tid}",
                                    "no control mitigates this threat"))
        if threat.effect is None:
            derived = ", ".join(sorted(threat.effects)) or "none"
            problems.append(Problem(f"{catalog.sources[tid]}: {tid}.effect",
                                    f"no 'effect' declared (derived from STRIDE: {derived}); "
                                    f"say what the threat does to the attacker's position"))
    problems += placement_problems(catalog, default_stencils())
    problems += hardware_problems(catalog, default_stencils())
    return problems


#: Stencil tag of an element that is software only: its hardware is not the element.
SOFTWARE_TAG = "software"


def hardware_problems(catalog: Catalog, stencils) -> list[Problem]:
    """Physical threats that do not say whether they need the element's own hardware.

    Session 5's wearable showed "physical tampering" on a vendor's app: the rule read only
    ``physical_access``, which a phone relay has. A threat that says ``needs_hardware``
    is refused on software-only stencils by the rule engine; one that says nothing is
    reported here, with the software-only stencils its rule fires on.
    """
    from workbench.analysis.rules import applies_to_stencil_defaults

    problems: list[Problem] = []
    software = [s for s in stencils if SOFTWARE_TAG in (s.tags or ())]
    for tid, threat in catalog.threats.items():
        if threat.vector != "physical" or threat.needs_hardware is not None:
            continue
        fires = [s.id for s in software if threat.applies_to == "component"
                 and applies_to_stencil_defaults(threat, s)]
        where = (f"; its rule fires on software-only stencils {', '.join(fires)}"
                 if fires else "")
        problems.append(Problem(
            f"{catalog.sources[tid]}: {tid}.needs_hardware",
            "a physical threat must say whether it needs the element's own hardware "
            f"(true: never on a software-only element, an app or a cloud service){where}"))
    return problems


__all__ = ["SOFTWARE_TAG", "Catalog", "CatalogFile", "ControlPlacement", "ControlType",
           "LikelihoodAdjustment", "ThreatType", "check_catalog", "default_catalog",
           "load_catalog", "read_catalog_file"]
