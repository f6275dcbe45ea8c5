"""Projector view: the current walkthrough item in large, high-contrast type.

Sized from the window height (not the desktop's font) so a 1920x1080 projector shows body
text about 36 px high and titles about 64 px, readable from the back of a room. White and
yellow on near-black (contrast 19:1 and 13.6:1); disagreement is marked with a symbol and a
word, not only a colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

BACKGROUND = "#0b0f14"
TEXT = "#ffffff"
ACCENT = "#ffd60a"  # yellow on black: readable by every common colour-vision deficiency
ALERT = "#ff9f1c"


@dataclass
class Slide:
    """What the projector shows; built by the workshop panel from the session."""

    counter: str = ""
    heading: str = ""
    subheading: str = ""
    questions: list[str] = field(default_factory=list)
    overview: list[str] = field(default_factory=list)  # every question that applies, by name
    stats: list[tuple[str, str, str, bool]] = field(default_factory=list)  # name, median,
    # spread, disagreement
    timer: str = ""
    consensus: str = ""


class PresentationView(QWidget):
    """A separate top-level window for the projector (F11 toggles full screen, Esc leaves).

    Page Down / Right / Space step forward and Page Up / Left back: what a presenter's
    clicker sends, so the facilitator can walk the session from the room.
    """

    nextRequested = Signal()
    previousRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Workshop — presentation"))
        self.setObjectName("workshop-presentation")
        self.setStyleSheet(f"QWidget#workshop-presentation {{ background: {BACKGROUND}; }}"
                           f"QLabel {{ color: {TEXT}; background: transparent; }}")
        self.setAutoFillBackground(True)
        self.counter = QLabel()
        self.timer = QLabel()
        self.timer.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.subheading = QLabel()
        self.subheading.setWordWrap(True)
        self.questions = QLabel()
        self.questions.setWordWrap(True)
        self.questions.setTextFormat(Qt.TextFormat.RichText)
        self.overview = QLabel()
        self.overview.setWordWrap(True)
        self.stats = QLabel()
        self.stats.setTextFormat(Qt.TextFormat.RichText)
        self.consensus = QLabel()
        self.consensus.setWordWrap(True)
        top = QGridLayout()
        top.addWidget(self.counter, 0, 0)
        top.addWidget(self.timer, 0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addLayout(top)
        for w in (self.heading, self.subheading, self.questions, self.overview, self.stats,
                  self.consensus):
            layout.addWidget(w)
        layout.addStretch(1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the labels take no keys
        self.slide = Slide()
        self.resize(1280, 720)
        self._apply_fonts()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space):
            self.nextRequested.emit()
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_Left):
            self.previousRequested.emit()
        elif key == Qt.Key.Key_F11:
            self.toggle_full_screen()
        elif key == Qt.Key.Key_Escape:
            self.showNormal()
        else:
            super().keyPressEvent(event)

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    # --- type sizes follow the window ---------------------------------------------------------
    def body_px(self) -> int:
        """Body text height: 1/30 of the window height, never under 20 px."""
        return max(20, self.height() // 30)

    def _apply_fonts(self) -> None:
        body = self.body_px()
        for widget, scale, bold in ((self.counter, 0.8, False), (self.timer, 1.1, True),
                                    (self.heading, 1.8, True), (self.subheading, 1.0, False),
                                    (self.questions, 1.0, False), (self.overview, 0.8, False),
                                    (self.stats, 1.0, False),
                                    (self.consensus, 1.0, True)):
            font = QFont(self.font())
            font.setPixelSize(int(body * scale))
            font.setBold(bold)
            widget.setFont(font)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._apply_fonts()

    # --- content ------------------------------------------------------------------------------
    def show_slide(self, slide: Slide) -> None:
        self.slide = slide
        self.counter.setText(slide.counter)
        self.timer.setText(slide.timer)
        self.heading.setText(slide.heading)
        self.subheading.setText(slide.subheading)
        self.subheading.setStyleSheet(f"color: {ACCENT};")
        self.questions.setText("".join(f"<p>• {_esc(q)}</p>" for q in slide.questions[:6]))
        self.overview.setText("\n".join(slide.overview))
        self.overview.setStyleSheet("color: #d0d7e1;")
        self.stats.setText(_stats_html(slide.stats, self.tr("Median"), self.tr("Spread"),
                                       self.tr("DISAGREEMENT")))
        self.consensus.setText(slide.consensus)
        self.consensus.setStyleSheet(f"color: {ACCENT};")

    def set_timer(self, text: str) -> None:
        self.timer.setText(text)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _stats_html(rows: list[tuple[str, str, str, bool]], median: str, spread: str,
                flag: str) -> str:
    if not rows:
        return ""
    head = (f"<tr><th align='left'></th><th align='left'>{median}&nbsp;&nbsp;</th>"
            f"<th align='left'>{spread}&nbsp;&nbsp;</th><th></th></tr>")
    body = "".join(
        f"<tr><td>{_esc(name)}&nbsp;&nbsp;&nbsp;</td><td><b>{med}</b></td><td>{spr}</td>"
        + (f"<td style='color:{ALERT}'><b>⚠ {flag}</b></td>" if bad else "<td></td>")
        + "</tr>" for name, med, spr, bad in rows)
    return f"<table cellspacing='6'>{head}{body}</table>"
