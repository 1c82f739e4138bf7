package dev.agentbus.agents;

import dev.agentbus.Agent;
import dev.agentbus.Callable;
import dev.agentbus.StateSource;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One user's list of conversations ({@code /agents/conversations-agent/{user}}), which the demo
 * page's chat shows as a sidebar: each conversation is an {@link AssistantAgent} instance the page
 * named, listed here under its title, most recent first. Kept in the agent's state, so every tab
 * and device of the user sees the same list live; only these callables change it (a client's state
 * update is rejected).
 */
public class ConversationsAgent extends Agent<ConversationsAgent.Conversations> {

  /** How many conversations a list keeps: adding one more drops the least recent. */
  public static final int MAX_CONVERSATIONS = 200;

  /** How long a title may be, in characters: a longer one is cut, and ends with an ellipsis. */
  public static final int MAX_TITLE_LENGTH = 80;

  /** What an instance name may be: the characters a URL path segment takes as they are. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.~-]{1,100}");

  /**
   * One conversation.
   *
   * @param name the {@code assistant-agent} instance that holds it
   * @param title its title, e.g. the first thing the user wrote; may be empty
   * @param updatedAt when it was added or last touched, in milliseconds since the epoch
   */
  public record Conversation(String name, String title, long updatedAt) {}

  /**
   * The list.
   *
   * @param conversations most recent first
   */
  public record Conversations(List<Conversation> conversations) {}

  @Override
  public Conversations initialState() {
    return new Conversations(List.of());
  }

  @Override
  public boolean validateStateChange(Conversations next, StateSource source) {
    return source.isServer();
  }

  /**
   * Puts a conversation first in the list, with this title; one already listed moves to the top and
   * takes the new title.
   *
   * @param name the {@code assistant-agent} instance's name
   * @param title its title (trimmed, cut to {@value #MAX_TITLE_LENGTH} characters)
   * @return the conversation as listed
   * @throws IllegalArgumentException if the name is not a plain instance name
   */
  @Callable(description = "Lists a conversation first, with a title, and returns it")
  public Conversation add(String name, String title) {
    Conversation added = new Conversation(checkedName(name), tidy(title), clock().millis());
    List<Conversation> list = new ArrayList<>(without(name));
    list.addFirst(added);
    while (list.size() > MAX_CONVERSATIONS) {
      list.removeLast();
    }
    setState(new Conversations(List.copyOf(list)));
    return added;
  }

  /**
   * Moves a listed conversation to the top, as one that has just been used.
   *
   * @param name the instance's name
   * @return the conversation as listed now
   * @throws NoSuchElementException if it is not listed
   */
  @Callable(description = "Moves a conversation to the top of the list and returns it")
  public Conversation touch(String name) {
    return add(name, find(name).title());
  }

  /**
   * Changes a listed conversation's title, leaving its place in the list.
   *
   * @param name the instance's name
   * @param title the new title (trimmed, cut to {@value #MAX_TITLE_LENGTH} characters)
   * @return the conversation as listed now
   * @throws NoSuchElementException if it is not listed
   */
  @Callable(description = "Renames a conversation and returns it")
  public Conversation rename(String name, String title) {
    Conversation renamed = new Conversation(name, tidy(title), find(name).updatedAt());
    setState(
        new Conversations(
            state().conversations().stream()
                .map(c -> c.name().equals(name) ? renamed : c)
                .toList()));
    return renamed;
  }

  /**
   * Takes a conversation off the list. The {@code assistant-agent} instance keeps its transcript.
   *
   * @param name the instance's name
   * @return whether it was listed
   */
  @Callable(description = "Takes a conversation off the list; returns whether it was listed")
  public boolean remove(String name) {
    List<Conversation> rest = without(name);
    if (rest.size() == state().conversations().size()) {
      return false;
    }
    setState(new Conversations(rest));
    return true;
  }

  private Conversation find(String name) {
    Optional<Conversation> found =
        state().conversations().stream().filter(c -> c.name().equals(name)).findFirst();
    return found.orElseThrow(() -> new NoSuchElementException("No conversation named " + name));
  }

  private List<Conversation> without(String name) {
    return state().conversations().stream().filter(c -> !c.name().equals(name)).toList();
  }

  private static String checkedName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "A conversation's name must be 1 to 100 letters, digits or -_.~, not " + name);
    }
    return name;
  }

  private static String tidy(String title) {
    String text = title == null ? "" : title.strip().replaceAll("\\s+", " ");
    return text.length() <= MAX_TITLE_LENGTH
        ? text
        : text.substring(0, MAX_TITLE_LENGTH - 1).stripTrailing() + "…";
  }
}
