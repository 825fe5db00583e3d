package dev.steward.compliance.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import dev.steward.compliance.CheckResult;
import dev.steward.compliance.ComplianceReport;

/**
 * A stored report as a PDF (Apache PDFBox): A4 pages, the report's date, author and content hash at the top, then
 * each check with its verdict, evidence and fix. Text is wrapped to the page and reduced to what the standard
 * Helvetica font can draw (WinAnsi), so no name in the evidence can break the rendering.
 */
final class ReportPdf {

	private static final float MARGIN = 50;

	private static final float SIZE = 10;

	private static final float LEADING = 14;

	private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

	private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

	private PDDocument document;

	private PDPageContentStream stream;

	private float y;

	static byte[] render(ComplianceReport report) {
		try {
			return new ReportPdf().write(report);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not render the compliance report as PDF", e);
		}
	}

	private ReportPdf() {
		this.document = new PDDocument();
		this.stream = null;
	}

	private byte[] write(ComplianceReport report) throws IOException {
		try (PDDocument doc = document) {
			PDDocumentInformation info = doc.getDocumentInformation();
			info.setTitle("Steward compliance report " + report.generatedAt());
			info.setCreator("Steward");
			newPage();
			line(bold, 16, "Steward compliance report", 0);
			y -= 6;
			line(regular, SIZE, "Generated " + report.generatedAt() + " by " + report.generatedBy(), 0);
			if (report.contentSha256() != null) {
				line(regular, SIZE, "Content SHA-256 " + report.contentSha256() + " (recorded in the audit trail)", 0);
			}
			ComplianceReport.ReportSummary s = report.summary();
			line(regular, SIZE, s.passed() + " pass, " + s.warned() + " warn, " + s.failed() + " fail, "
					+ s.notAvailable() + " not available", 0);
			for (CheckResult check : report.checks()) {
				y -= 8;
				line(bold, 11, "[" + check.status().name().replace('_', ' ') + "] " + check.title(), 0);
				for (String evidence : check.evidence()) {
					line(regular, SIZE, evidence, 12);
				}
				if (!check.fix().isEmpty()) {
					line(regular, SIZE, "Fix: " + check.fix(), 12);
				}
			}
			stream.close();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			doc.save(out);
			return out.toByteArray();
		}
	}

	private void newPage() throws IOException {
		if (stream != null) {
			stream.close();
		}
		PDPage page = new PDPage(PDRectangle.A4);
		document.addPage(page);
		stream = new PDPageContentStream(document, page);
		y = page.getMediaBox().getHeight() - MARGIN;
	}

	/** Writes text wrapped to the page width, starting new pages as needed. */
	private void line(PDType1Font font, float size, String text, float indent) throws IOException {
		float width = PDRectangle.A4.getWidth() - 2 * MARGIN - indent;
		for (String part : wrap(font, size, drawable(text), width)) {
			if (y < MARGIN + LEADING) {
				newPage();
			}
			stream.beginText();
			stream.setFont(font, size);
			stream.newLineAtOffset(MARGIN + indent, y);
			stream.showText(part);
			stream.endText();
			y -= Math.max(LEADING, size + 4);
		}
	}

	static List<String> wrap(PDType1Font font, float size, String text, float width) throws IOException {
		List<String> lines = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String word : text.split(" ")) {
			String candidate = current.isEmpty() ? word : current + " " + word;
			if (font.getStringWidth(candidate) / 1000 * size <= width) {
				current.setLength(0);
				current.append(candidate);
				continue;
			}
			if (!current.isEmpty()) {
				lines.add(current.toString());
				current.setLength(0);
			}
			// a single word wider than the line (a hash, a long name) is cut where it must be
			String rest = word;
			while (font.getStringWidth(rest) / 1000 * size > width && rest.length() > 1) {
				int cut = rest.length() - 1;
				while (cut > 1 && font.getStringWidth(rest.substring(0, cut)) / 1000 * size > width) {
					cut--;
				}
				lines.add(rest.substring(0, cut));
				rest = rest.substring(cut);
			}
			current.append(rest);
		}
		if (!current.isEmpty() || lines.isEmpty()) {
			lines.add(current.toString());
		}
		return lines;
	}

	/** Only characters the WinAnsi-encoded standard fonts draw; others become '?', arrows become "->". */
	static String drawable(String text) {
		StringBuilder b = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\u2192') {
				b.append("->");
			}
			else if (c == '\u2026') {
				b.append("...");
			}
			else if (c >= 0x20 && c < 0x7f || c >= 0xa0 && c <= 0xff) {
				b.append(c);
			}
			else {
				b.append(c == '\t' || c == '\n' || c == '\r' ? ' ' : '?');
			}
		}
		return b.toString();
	}
}
