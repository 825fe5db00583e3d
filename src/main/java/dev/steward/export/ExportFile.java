package dev.steward.export;

import java.nio.file.Path;

/** A finished export ready to download. */
public record ExportFile(Path path, String fileName, String mediaType, long size) {
}
