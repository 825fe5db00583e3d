package dev.steward.schedule;

/**
 * Which databases of the connection's server a schedule backs up, one backup each per fire: the connection's own
 * ({@code DEFAULT}), the named ones ({@code LIST}), or {@code ALL} of the server's user databases as the server
 * lists them when the schedule fires (the engine leaves templates and system databases out).
 */
public enum DatabaseMode {
	DEFAULT, LIST, ALL
}
