package dev.steward.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.steward.engine.SchemaExport.DataMode;
import dev.steward.engine.SchemaExport.ObjectKind;
import dev.steward.engine.SchemaExport.Options;

/** The table-of-contents filter and the COPY-to-INSERT rewriting of PostgreSQL schema exports. */
class SchemaExportFilterUnitTests {

	private static final List<String> TOC = List.of(
			";", "; Archive created at 2026-01-01",
			"5; 2615 2200 SCHEMA - public postgres",
			"220; 1255 16400 FUNCTION public last_updated() postgres",
			"221; 1255 16401 FUNCTION public film_in_stock(integer, integer) postgres",
			"1; 1247 16385 TYPE public mpaa_rating postgres",
			"214; 1259 16388 SEQUENCE public actor_actor_id_seq postgres",
			"215; 1259 16390 TABLE public actor postgres",
			"216; 1259 16392 VIEW public actor_info postgres",
			"217; 1259 16393 TABLE public film postgres",
			"3412; 0 16390 TABLE DATA public actor postgres",
			"3200; 2606 16420 CONSTRAINT public actor actor_pkey postgres",
			"3201; 2606 16421 FK CONSTRAINT public film film_actor_fkey postgres",
			"3250; 1259 16500 INDEX public idx_actor_last_name postgres",
			"3251; 1259 16501 INDEX public idx_film_title postgres",
			"3300; 2620 16600 TRIGGER public actor last_updated postgres",
			"3301; 0 0 COMMENT - VIEW actor_info postgres",
			"3302; 0 0 ACL public TABLE actor postgres");

	private static final PostgresTocFilter.Lookups LOOKUPS = new PostgresTocFilter.Lookups(
			Map.of("idx_actor_last_name", "actor", "idx_film_title", "film"),
			Map.of("actor_actor_id_seq", Set.of("actor")), Set.of("actor actor_id"),
			Map.of("film film_actor_fkey", "actor"), Map.of("film_in_stock", Set.of("film")));

	private static Options options(List<String> tables, Set<ObjectKind> include) {
		return new Options("db", "public", tables, include, false, false, DataMode.NONE, Path.of("."));
	}

	private static List<String> kept(Options options) {
		return new PostgresTocFilter(options, LOOKUPS).filter(TOC).stream().map(l -> l.split("; ", 2)[0]).toList();
	}

	@Test
	void everythingOnKeepsAllButThePublicSchemaAndAcls() {
		assertThat(kept(options(List.of(), EnumSet.allOf(ObjectKind.class)))).containsExactly("220", "221", "1", "214", "215",
				"216", "217", "3412", "3200", "3201", "3250", "3251", "3300", "3301");
	}

	@Test
	void switchedOffKindsAndTheirCommentsAreLeftOut() {
		assertThat(kept(options(List.of(), EnumSet.of(ObjectKind.ROUTINES, ObjectKind.SEQUENCES, ObjectKind.TYPES))))
			.containsExactly("220", "221", "1", "214", "215", "217", "3412", "3200", "3201");
	}

	@Test
	void aSubsetKeepsItsTablesWithTheirSequencesIndexesAndTriggersOnly() {
		assertThat(kept(options(List.of("actor"), EnumSet.allOf(ObjectKind.class))))
			.containsExactly("220", "1", "214", "215", "3412", "3200", "3250", "3300");
		// a foreign key to a table outside the subset would not load
		assertThat(kept(options(List.of("film"), EnumSet.allOf(ObjectKind.class)))).contains("217", "3251", "221")
			.doesNotContain("3201", "214");
	}

	@Test
	void copyBlocksBecomeInsertsWithUntypedLiterals() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		long[] objects = { 0 };
		PostgresScriptStream s = new PostgresScriptStream(out, true, n -> objects[0] = n);
		String script = "-- Data for Name: t; Type: TABLE DATA\nCOPY public.t (id, name) FROM stdin;\n"
				+ "1\tO'Brien\\tx\\\\y\n2\t\\N\n\\.\n\n-- Name: t_pkey; Type: CONSTRAINT\nALTER TABLE t;\n";
		byte[] bytes = script.getBytes(StandardCharsets.UTF_8);
		s.write(bytes, 0, 20);
		s.write(bytes, 20, bytes.length - 20);
		s.finish();
		assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("-- Data for Name: t; Type: TABLE DATA\n"
				+ "INSERT INTO public.t (id, name) VALUES ('1', 'O''Brien\tx\\y');\n"
				+ "INSERT INTO public.t (id, name) VALUES ('2', NULL);\n\n-- Name: t_pkey; Type: CONSTRAINT\nALTER TABLE t;\n");
		assertThat(objects[0]).isEqualTo(2);
	}
}
