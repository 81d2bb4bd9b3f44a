package io.parley.samples.webapp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The web app's own people directory: who exists, their display name, team and demo password. */
public final class Directory {
  /** One person of the directory. */
  public record Colleague(String username, String name, String team, String password) {}

  private final Map<String, Colleague> byUsername;

  public Directory(List<Colleague> people) {
    this.byUsername = people.stream()
        .collect(Collectors.toUnmodifiableMap(Colleague::username, Function.identity()));
  }

  /** The fixed demo directory: three designers and one person in sales, password "demo". */
  public static Directory demo() {
    return new Directory(List.of(
        new Colleague("alice", "Alice Archer", "Design", "demo"),
        new Colleague("bob", "Bob Baker", "Design", "demo"),
        new Colleague("carol", "Carol Chen", "Design", "demo"),
        new Colleague("dave", "Dave Dorsey", "Sales", "demo")));
  }

  public Optional<Colleague> find(String username) {
    return Optional.ofNullable(byUsername.get(username));
  }

  /** The person if the password matches, compared without an early exit. */
  public Optional<Colleague> check(String username, String password) {
    Colleague c = byUsername.get(username);
    if (c == null || password == null) {
      return Optional.empty();
    }
    return java.security.MessageDigest.isEqual(c.password().getBytes(
        java.nio.charset.StandardCharsets.UTF_8),
        password.getBytes(java.nio.charset.StandardCharsets.UTF_8)) ? Optional.of(c)
        : Optional.empty();
  }

  /** Everyone else in the person's team, sorted by username. */
  public List<Colleague> teammatesOf(String username) {
    Colleague me = byUsername.get(username);
    if (me == null) {
      return List.of();
    }
    return byUsername.values().stream()
        .filter(c -> c.team().equals(me.team()) && !c.username().equals(username))
        .sorted(java.util.Comparator.comparing(Colleague::username))
        .toList();
  }

  public List<Colleague> everyone() {
    return byUsername.values().stream()
        .sorted(java.util.Comparator.comparing(Colleague::username)).toList();
  }
}
