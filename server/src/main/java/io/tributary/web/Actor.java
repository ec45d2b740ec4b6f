package io.tributary.web;

/**
 * Who made a change: the user behind the API token, and where it came from ("api", "ui", "system").
 */
public record Actor(String userId, String name, String tokenId, String source) {
  public static Actor system() {
    return new Actor(null, "system", null, "system");
  }
}
