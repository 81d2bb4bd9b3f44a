package io.parley.embedded.internal.feature.muc;

import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.StanzaError;
import io.parley.spi.stanza.StanzaError.Condition;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A room's configuration: every standard {@code muc#roomconfig_*} field of XEP-0045 §15.5.3,
 * plus {@code muc#maxhistoryfetch}. Immutable; the owner's form submission derives a new one.
 *
 * @param maxUsers the most occupants, 0 for no limit
 * @param whoisAnyone true for a non-anonymous room, false for semi-anonymous (moderators see
 *     real JIDs)
 * @param allowPm who may send private messages: anyone, participants, moderators or none
 */
record RoomConfig(
    String name,
    String description,
    String lang,
    boolean persistent,
    boolean publicRoom,
    boolean membersOnly,
    boolean moderated,
    boolean passwordProtected,
    String password,
    int maxUsers,
    boolean whoisAnyone,
    boolean changeSubject,
    boolean allowInvites,
    String allowPm,
    boolean logging,
    Set<Role> presenceBroadcast,
    Set<Role> getMemberList,
    String pubsub,
    int maxHistoryFetch) {

  static final String NAME = "muc#roomconfig_roomname";
  static final String DESC = "muc#roomconfig_roomdesc";
  static final String LANG = "muc#roomconfig_lang";
  static final String PERSISTENT = "muc#roomconfig_persistentroom";
  static final String PUBLIC = "muc#roomconfig_publicroom";
  static final String MEMBERS_ONLY = "muc#roomconfig_membersonly";
  static final String MODERATED = "muc#roomconfig_moderatedroom";
  static final String PASSWORD_PROTECTED = "muc#roomconfig_passwordprotectedroom";
  static final String SECRET = "muc#roomconfig_roomsecret";
  static final String MAX_USERS = "muc#roomconfig_maxusers";
  static final String WHOIS = "muc#roomconfig_whois";
  static final String CHANGE_SUBJECT = "muc#roomconfig_changesubject";
  static final String ALLOW_INVITES = "muc#roomconfig_allowinvites";
  static final String ALLOW_PM = "muc#roomconfig_allowpm";
  static final String LOGGING = "muc#roomconfig_enablelogging";
  static final String PRESENCE_BROADCAST = "muc#roomconfig_presencebroadcast";
  static final String GET_MEMBER_LIST = "muc#roomconfig_getmemberlist";
  static final String PUBSUB = "muc#roomconfig_pubsub";
  static final String MAX_HISTORY = "muc#maxhistoryfetch";
  static final String OWNERS = "muc#roomconfig_roomowners";
  static final String ADMINS = "muc#roomconfig_roomadmins";

  private static final List<String> PM_OPTIONS =
      List.of("anyone", "participants", "moderators", "none");
  private static final List<String> ROLE_OPTIONS = List.of("moderator", "participant", "visitor");

  RoomConfig {
    presenceBroadcast = Set.copyOf(presenceBroadcast);
    getMemberList = Set.copyOf(getMemberList);
  }

  /** The defaults of a new room (Prosody's): open, public, semi-anonymous, temporary. */
  static RoomConfig defaults(int maxHistoryFetch) {
    return new RoomConfig("", "", "", false, true, false, false, false, "", 0, false, false,
        true, "anyone", false, EnumSet.of(Role.MODERATOR, Role.PARTICIPANT, Role.VISITOR),
        EnumSet.of(Role.MODERATOR, Role.PARTICIPANT, Role.VISITOR), "", maxHistoryFetch);
  }

  /** The owner's configuration form (§10.1.3), with the room's owners and admins. */
  Element form(List<String> owners, List<String> admins) {
    List<String> maxOptions = new ArrayList<>(List.of("10", "20", "30", "50", "100", "none"));
    String max = maxUsers == 0 ? "none" : Integer.toString(maxUsers);
    if (!maxOptions.contains(max)) {
      maxOptions.add(0, max);
    }
    return DataForms.form("form", Muc.ROOMCONFIG)
        .title("Configuration of the room")
        .field(NAME, "text-single", "Natural-language room name", name)
        .field(DESC, "text-single", "Short description of the room", description)
        .field(LANG, "text-single", "Natural language for room discussions", lang)
        .bool(PERSISTENT, "Make room persistent", persistent)
        .bool(PUBLIC, "Make room publicly searchable", publicRoom)
        .bool(MEMBERS_ONLY, "Make room members-only", membersOnly)
        .bool(MODERATED, "Make room moderated", moderated)
        .bool(PASSWORD_PROTECTED, "Password required to enter", passwordProtected)
        .field(SECRET, "text-private", "Password", password)
        .list(MAX_USERS, "list-single", "Maximum number of occupants", List.of(max), maxOptions)
        .list(WHOIS, "list-single", "Who may discover real JIDs",
            List.of(whoisAnyone ? "anyone" : "moderators"), List.of("moderators", "anyone"))
        .bool(CHANGE_SUBJECT, "Allow occupants to change the subject", changeSubject)
        .bool(ALLOW_INVITES, "Allow occupants to invite others", allowInvites)
        .list(ALLOW_PM, "list-single", "Who may send private messages", List.of(allowPm),
            PM_OPTIONS)
        .bool(LOGGING, "Enable public logging", logging)
        .list(PRESENCE_BROADCAST, "list-multi", "Roles whose presence is broadcast",
            names(presenceBroadcast), ROLE_OPTIONS)
        .list(GET_MEMBER_LIST, "list-multi", "Roles that may retrieve the member list",
            names(getMemberList), ROLE_OPTIONS)
        .field(PUBSUB, "text-single", "XMPP URI of associated publish-subscribe node", pubsub)
        .field(MAX_HISTORY, "text-single", "Maximum number of history messages returned",
            Integer.toString(maxHistoryFetch))
        .list(OWNERS, "jid-multi", "Room owners", owners, List.of())
        .list(ADMINS, "jid-multi", "Room admins", admins, List.of())
        .build();
  }

  /**
   * The configuration after a submitted form: fields it leaves out keep their value, unknown
   * fields are ignored (as Prosody does).
   *
   * @throws StanzaErrorException {@code not-acceptable} for a value out of range
   */
  RoomConfig apply(Map<String, List<String>> v) throws StanzaErrorException {
    return new RoomConfig(
        text(v, NAME, name), text(v, DESC, description), text(v, LANG, lang),
        bool(v, PERSISTENT, persistent), bool(v, PUBLIC, publicRoom),
        bool(v, MEMBERS_ONLY, membersOnly), bool(v, MODERATED, moderated),
        bool(v, PASSWORD_PROTECTED, passwordProtected), text(v, SECRET, password),
        maxUsers(v), whois(v), bool(v, CHANGE_SUBJECT, changeSubject),
        bool(v, ALLOW_INVITES, allowInvites), choice(v, ALLOW_PM, allowPm, PM_OPTIONS),
        bool(v, LOGGING, logging), roles(v, PRESENCE_BROADCAST, presenceBroadcast),
        roles(v, GET_MEMBER_LIST, getMemberList), text(v, PUBSUB, pubsub), maxHistory(v));
  }

  /** True if a password is needed to enter. */
  boolean needsPassword() {
    return passwordProtected && !password.isEmpty();
  }

  /** The values as a data form would carry them, for the room store. */
  Map<String, List<String>> toValues() {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Element field : form(List.of(), List.of()).elements()) {
      String var = field.attribute("var");
      if (var != null && !var.equals("FORM_TYPE") && !var.equals(OWNERS)
          && !var.equals(ADMINS)) {
        List<String> vs = new ArrayList<>();
        for (Element value : field.elements()) {
          if (value.name().equals("value")) {
            vs.add(value.text());
          }
        }
        values.put(var, vs);
      }
    }
    return values;
  }

  private static List<String> names(Set<Role> roles) {
    List<String> names = new ArrayList<>();
    for (Role r : Role.values()) {
      if (roles.contains(r)) {
        names.add(r.wireName());
      }
    }
    return names;
  }

  private static String text(Map<String, List<String>> v, String var, String current) {
    List<String> values = v.get(var);
    if (values == null) {
      return current;
    }
    return values.isEmpty() ? "" : values.get(0);
  }

  private static boolean bool(Map<String, List<String>> v, String var, boolean current)
      throws StanzaErrorException {
    String value = text(v, var, null);
    if (value == null) {
      return current;
    }
    if (!DataForms.isBoolean(value)) {
      throw notAcceptable(var);
    }
    return DataForms.isTrue(value);
  }

  private static String choice(Map<String, List<String>> v, String var, String current,
      List<String> options) throws StanzaErrorException {
    String value = text(v, var, current);
    if (!options.contains(value)) {
      throw notAcceptable(var);
    }
    return value;
  }

  private int maxUsers(Map<String, List<String>> v) throws StanzaErrorException {
    String value = text(v, MAX_USERS, null);
    if (value == null) {
      return maxUsers;
    }
    if (value.isEmpty() || value.equals("none")) {
      return 0;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n < 0) {
        throw notAcceptable(MAX_USERS);
      }
      return n;
    } catch (NumberFormatException e) {
      throw notAcceptable(MAX_USERS);
    }
  }

  private int maxHistory(Map<String, List<String>> v) throws StanzaErrorException {
    String value = text(v, MAX_HISTORY, null);
    if (value == null || value.isEmpty()) {
      return maxHistoryFetch;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n < 0) {
        throw notAcceptable(MAX_HISTORY);
      }
      return n;
    } catch (NumberFormatException e) {
      throw notAcceptable(MAX_HISTORY);
    }
  }

  private boolean whois(Map<String, List<String>> v) throws StanzaErrorException {
    String value = text(v, WHOIS, whoisAnyone ? "anyone" : "moderators");
    switch (value) {
      case "anyone":
        return true;
      case "moderators":
        return false;
      default:
        throw notAcceptable(WHOIS);
    }
  }

  private static Set<Role> roles(Map<String, List<String>> v, String var, Set<Role> current)
      throws StanzaErrorException {
    List<String> values = v.get(var);
    if (values == null) {
      return current;
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String value : values) {
      Role r = Role.fromWire(value);
      if (r == null || r == Role.NONE) {
        throw notAcceptable(var);
      }
      roles.add(r);
    }
    return roles;
  }

  private static StanzaErrorException notAcceptable(String var) {
    return new StanzaErrorException(StanzaError.of(Condition.NOT_ACCEPTABLE,
        "invalid value for " + var));
  }
}
