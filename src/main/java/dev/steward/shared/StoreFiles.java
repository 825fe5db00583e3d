package dev.steward.shared;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The H2 metadata store's files ({@code <name>.mv.db} and the files H2 keeps beside it), when the store is an H2
 * file; nothing for PostgreSQL or an in-memory H2.
 */
@Component
class StoreFiles implements OwnFiles {

	private static final List<String> SUFFIXES = List.of(".mv.db", ".h2.db", ".trace.db", ".lock.db", ".mv.db.tempFile",
			".newFile", ".tempFile");

	private final List<Path> paths;

	StoreFiles(@Value("${spring.datasource.url:}") String url) {
		this.paths = files(url);
	}

	@Override
	public List<Path> paths() {
		return paths;
	}

	static List<Path> files(String url) {
		if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
			return List.of();
		}
		String name = url.substring("jdbc:h2:".length());
		int semicolon = name.indexOf(';');
		if (semicolon >= 0) {
			name = name.substring(0, semicolon);
		}
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.startsWith("file:")) {
			name = name.substring("file:".length());
		}
		else if (lower.startsWith("mem:") || lower.contains(":") && !lower.startsWith("/")) {
			return List.of(); // in memory, or a server (tcp:, ssl:) whose files are not on this machine's paths
		}
		if (name.startsWith("~")) {
			name = System.getProperty("user.home") + name.substring(1);
		}
		Path base = Path.of(name).toAbsolutePath().normalize();
		return SUFFIXES.stream().map(s -> base.resolveSibling(base.getFileName() + s)).toList();
	}
}
