package dev.steward.engine;

import java.time.Duration;
import java.util.List;

import dev.steward.engine.TableData.ChangeResult;
import dev.steward.engine.TableData.Filter;
import dev.steward.engine.TableData.Page;
import dev.steward.engine.TableData.PageRequest;
import dev.steward.engine.TableData.Relation;
import dev.steward.engine.TableData.RowChange;
import dev.steward.engine.TableData.Statement;

/**
 * Rows of a table, view or collection for the data grid: pages ordered by a sort column with the key as tie-breaker
 * (keyset pages where the relation has a key), typed filters, counts, and edits applied all-or-nothing. Identifiers
 * appear in SQL only quoted by the engine's rules and only as the caller's {@link Relation} (checked against the
 * catalog) names them; every value is bound.
 */
public interface TableDataCapability extends EngineCapability {

	Page read(CatalogTarget target, PageRequest request);

	long count(CatalogTarget target, Relation relation, List<Filter> filters, Duration timeout);

	/** The statements {@link #apply} would run, for review; runs nothing. */
	List<Statement> plan(Relation relation, List<RowChange> changes);

	/**
	 * Applies every change in one transaction, first checking that each updated or deleted row still has its
	 * original values ({@link TableData.RowConflict} otherwise, and nothing is written).
	 */
	ChangeResult apply(CatalogTarget target, Relation relation, List<RowChange> changes);

	/**
	 * Inserts every row {@code rows} gives into {@code columns} of {@code relation} in one transaction, in batches:
	 * all or nothing. A refused row ends the load with {@link TableData.LoadFailed} naming its line, after the
	 * transaction was rolled back; {@code cancel}'s hook cancels the running statement at the server.
	 *
	 * @return the rows inserted
	 * @throws CapabilityUnsupported when the engine cannot load rows (a document store)
	 */
	default long load(CatalogTarget target, Relation relation, List<String> columns, TableData.RowSource rows,
			TableData.Cancellation cancel) {
		throw new CapabilityUnsupported(engine(), TableData.RowSource.class);
	}
}
