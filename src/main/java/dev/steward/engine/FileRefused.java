package dev.steward.engine;

/**
 * A database file Steward was asked to write, replace or delete is not one it may touch (outside the allowed
 * directories, one of Steward's own files, a link out, or not a database of the engine). Nothing was changed.
 */
public class FileRefused extends RuntimeException {

	public FileRefused(String message) {
		super(message);
	}
}
