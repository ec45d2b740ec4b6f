package io.tributary.adaptors.http;

import static io.tributary.adaptors.http.FakeApi.Answer.json;
import static io.tributary.adaptors.http.FakeApi.Answer.status;
import static io.tributary.adaptors.http.HttpExportTest.drain;
import static io.tributary.adaptors.http.HttpExportTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.PageSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpPagingTest {
  private final FakeApi api = new FakeApi();
  private final Steps steps = new Steps();

  HttpPagingTest() throws Exception {}

  @AfterEach
  void stop() {
    api.close();
  }

  private PageSource export(int pageSize, String httpBlock) {
    ObjectNode export =
        Steps.doc(
            "{\"adaptorType\":\"HTTPExport\",\"pageSize\":"
                + pageSize
                + ",\"http\":"
                + httpBlock
                + "}");
    return steps.adaptor.export(steps.context(Steps.connection(api, ""), export));
  }

  /** {"items":[{"id":..},..]} plus extra members. */
  private static String items(String extra, String... ids) {
    StringBuilder b = new StringBuilder("{\"items\":[");
    for (int i = 0; i < ids.length; i++)
      b.append(i == 0 ? "" : ",").append("{\"id\":\"").append(ids[i]).append("\"}");
    return b.append("]").append(extra.isEmpty() ? "" : "," + extra).append("}").toString();
  }

  @Test
  void pagePagingCountsFromItsStartAndPagesAreRegroupedLazily() {
    api.enqueue(json(items("", "a", "b", "c")), json(items("", "d", "e", "f")), json(items("")));
    PageSource source =
        export(
            4,
            "{\"relativeURI\":\"/items?page={{export.http.paging.page}}\","
                + "\"paging\":{\"method\":\"page\",\"page\":1},\"response\":{\"resourcePath\":\"items\"}}");
    assertThat(ids(source.next().orElseThrow())).containsExactly("a", "b", "c", "d");
    assertThat(api.targets())
        .as("only as many HTTP pages as the first output page needs")
        .containsExactly("/api/items?page=1", "/api/items?page=2");
    assertThat(ids(source.next().orElseThrow())).containsExactly("e", "f");
    assertThat(source.next()).isEmpty();
    assertThat(api.targets())
        .containsExactly("/api/items?page=1", "/api/items?page=2", "/api/items?page=3");
  }

  /**
   * A run resumed from a position (D26): a new source given the position of the first, taken
   * between output pages, fetches only the HTTP page holding the next record and skips the records
   * already handed out.
   */
  @Test
  void pagePagingResumesAfterTheLastPageHandedOutMidAnswer() {
    String http =
        "{\"relativeURI\":\"/items?page={{export.http.paging.page}}\","
            + "\"paging\":{\"method\":\"page\",\"page\":1},\"response\":{\"resourcePath\":\"items\"}}";
    api.enqueue(json(items("", "a", "b", "c")));
    PageSource first = export(2, http);
    assertThat(ids(first.next().orElseThrow())).containsExactly("a", "b");
    ObjectNode position = first.position();
    first.close();
    api.enqueue(json(items("", "a", "b", "c")), json(items("", "d")), json(items("")));
    PageSource resumed = export(2, http);
    resumed.resume(position);
    assertThat(drain(resumed)).containsExactly(List.of("c", "d"));
    assertThat(api.targets())
        .containsExactly(
            "/api/items?page=1", "/api/items?page=1", "/api/items?page=2", "/api/items?page=3");
  }

  @Test
  void urlPagingResumesAtTheNextUrlItWasGiven() {
    String http =
        "{\"relativeURI\":\"/items\",\"paging\":{\"method\":\"url\",\"path\":\"links.next\"},"
            + "\"response\":{\"resourcePath\":\"items\"}}";
    api.enqueue(json(items("\"links\":{\"next\":\"/api/items?cursor=2\"}", "a")));
    PageSource first = export(1, http);
    assertThat(ids(first.next().orElseThrow())).containsExactly("a");
    ObjectNode position = first.position();
    first.close();
    api.enqueue(json(items("\"links\":{}", "b")));
    PageSource resumed = export(1, http);
    resumed.resume(position);
    assertThat(drain(resumed)).containsExactly(List.of("b"));
    assertThat(api.targets()).containsExactly("/api/items", "/api/items?cursor=2");
  }

  @Test
  void relativeUriPagingCannotResume() {
    PageSource source =
        export(
            2,
            "{\"relativeURI\":\"/items\",\"paging\":{\"method\":\"relativeuri\",\"relativeURI\":\"/more\"},"
                + "\"response\":{\"resourcePath\":\"items\"}}");
    assertThat(source.position()).isNull();
  }

  @Test
  void skipPagingAdvancesByPageSizeAndStopsAtTheTotalCount() {
    api.enqueue(
        json(items("\"total\":5", "a", "b")),
        json(items("\"total\":5", "c", "d")),
        json(items("\"total\":5", "e")));
    PageSource source =
        export(
            2,
            "{\"relativeURI\":\"/items?offset={{export.http.paging.skip}}\","
                + "\"paging\":{\"method\":\"skip\",\"maxCountPath\":\"total\"},\"response\":{\"resourcePath\":\"items\"}}");
    assertThat(drain(source)).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
    assertThat(api.targets())
        .containsExactly("/api/items?offset=0", "/api/items?offset=2", "/api/items?offset=4");
  }

  @Test
  void tokenPagingReadsTheNextTokenFromTheBody() {
    api.enqueue(json(items("\"next\":\"t/2\"", "a")), json(items("\"next\":null", "b")));
    PageSource source =
        export(
            20,
            "{\"relativeURI\":\"/items?after={{export.http.paging.token}}\","
                + "\"paging\":{\"method\":\"token\",\"path\":\"next\",\"token\":\"t1\"},\"response\":{\"resourcePath\":\"items\"}}");
    assertThat(drain(source)).containsExactly(List.of("a", "b"));
    assertThat(api.targets()).containsExactly("/api/items?after=t1", "/api/items?after=t%2F2");
  }

  @Test
  void tokenPagingMayReadAHeaderAndPutTheTokenInTheBody() {
    api.enqueue(json(items("", "a")).with("X-Next", "c2"), json(items("", "b")));
    PageSource source =
        export(
            20,
            "{\"method\":\"POST\",\"relativeURI\":\"/search\",\"body\":\"{\\\"cursor\\\":\\\"{{export.http.paging.token}}\\\"}\","
                + "\"paging\":{\"method\":\"token\",\"path\":\"X-Next\",\"pathLocation\":\"header\"},\"response\":{\"resourcePath\":\"items\"}}");
    assertThat(drain(source)).containsExactly(List.of("a", "b"));
    assertThat(api.received())
        .extracting(FakeApi.Received::body)
        .containsExactly("{\"cursor\":\"\"}", "{\"cursor\":\"c2\"}");
  }

  @Test
  void urlPagingFollowsTheNextUrlInTheBody() {
    api.enqueue(
        json(items("\"links\":{\"next\":\"" + api.baseUri() + "/api/items?cursor=2\"}", "a")),
        json(items("\"links\":{\"next\":\"/api/items?cursor=3\"}", "b")),
        json(items("\"links\":{}", "c")));
    PageSource source =
        export(
            20,
            "{\"relativeURI\":\"/items\",\"paging\":{\"method\":\"url\",\"path\":\"links.next\"},"
                + "\"response\":{\"resourcePath\":\"items\"}}");
    assertThat(drain(source)).containsExactly(List.of("a", "b", "c"));
    assertThat(api.targets())
        .containsExactly("/api/items", "/api/items?cursor=2", "/api/items?cursor=3");
  }

  @Test
  void linkHeaderPagingFollowsTheNamedRelation() {
    String base = api.baseUri() + "/api/items";
    api.enqueue(
        json(items("", "a"))
            .with(
                "Link", "<" + base + "?page=9>; rel=\"last\", <" + base + "?page=2>; rel=\"next\""),
        json(items("", "b")).with("Link", "<" + base + "?page=1>; rel=\"first\""));
    PageSource source =
        export(
            20,
            "{\"relativeURI\":\"/items\",\"paging\":{\"method\":\"linkheader\"},\"response\":{\"resourcePath\":\"items\"}}");
    assertThat(drain(source)).containsExactly(List.of("a", "b"));
    assertThat(api.targets()).containsExactly("/api/items", "/api/items?page=2");
  }

  @Test
  void relativeUriPagingRendersThePreviousPageUntilTheLastPageValue() {
    api.enqueue(
        json(items("\"more\":true,\"meta\":{\"n\":7}", "a", "b")).with("X-Cursor", "k1"),
        json(items("\"more\":false", "c")));
    PageSource source =
        export(
            20,
            "{\"relativeURI\":\"/items\",\"paging\":{\"method\":\"relativeuri\","
                + "\"relativeURI\":\"/items?after={{previous_page.last_record.id}}&n={{previous_page.full_response.meta.n}}&k={{previous_page.headers.x-cursor}}\","
                + "\"lastPagePath\":\"more\",\"lastPageValues\":[\"false\"]},\"response\":{\"resourcePath\":\"items\"}}");
    assertThat(drain(source)).containsExactly(List.of("a", "b", "c"));
    assertThat(api.targets()).containsExactly("/api/items", "/api/items?after=b&n=7&k=k1");
  }

  @Test
  void theLastPageStatusEndsPagingWithoutError() {
    api.enqueue(json(items("", "a")), status(404, "{\"message\":\"no page 1\"}"));
    PageSource source =
        export(
            20,
            "{\"relativeURI\":\"/items?p={{export.http.paging.page}}\",\"paging\":{\"method\":\"page\"},"
                + "\"response\":{\"resourcePath\":\"items\"}}");
    assertThat(drain(source)).containsExactly(List.of("a"));
    assertThat(api.targets()).containsExactly("/api/items?p=0", "/api/items?p=1");
  }

  @Test
  void theMaxPagePathStopsAfterThatManyPages() {
    api.enqueue(
        json(items("\"pages\":2", "a")), json(items("\"pages\":2", "b")), json(items("", "never")));
    PageSource source =
        export(
            20,
            "{\"relativeURI\":\"/items?p={{export.http.paging.page}}\","
                + "\"paging\":{\"method\":\"page\",\"page\":1,\"maxPagePath\":\"pages\"},\"response\":{\"resourcePath\":\"items\"}}");
    assertThat(drain(source)).containsExactly(List.of("a", "b"));
    assertThat(api.targets()).containsExactly("/api/items?p=1", "/api/items?p=2");
  }

  @Test
  void aClosedSourceReadsNoMore() {
    api.enqueue(json(items("", "a", "b")), json(items("", "c")));
    PageSource source =
        export(
            1,
            "{\"relativeURI\":\"/items?p={{export.http.paging.page}}\",\"paging\":{\"method\":\"page\"},"
                + "\"response\":{\"resourcePath\":\"items\"}}");
    assertThat(ids(source.next().orElseThrow())).containsExactly("a");
    source.close();
    assertThat(source.next()).isEmpty();
    assertThat(api.targets()).containsExactly("/api/items?p=0");
  }
}
