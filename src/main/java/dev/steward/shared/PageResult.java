package dev.steward.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a longer list; the shape every paged endpoint answers with. */
public record PageResult<T>(List<T> items, int page, int size, long totalElements, int totalPages) {

	public static <T> PageResult<T> of(List<T> items, int page, int size, long totalElements) {
		int pages = size == 0 ? 0 : (int) ((totalElements + size - 1) / size);
		return new PageResult<>(List.copyOf(items), page, size, totalElements, pages);
	}

	public <R> PageResult<R> map(Function<T, R> mapper) {
		return new PageResult<>(items.stream().map(mapper).toList(), page, size, totalElements, totalPages);
	}
}
