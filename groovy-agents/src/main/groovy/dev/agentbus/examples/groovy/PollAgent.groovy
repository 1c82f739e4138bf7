package dev.agentbus.examples.groovy

import dev.agentbus.Agent
import dev.agentbus.AgentRequest
import dev.agentbus.AgentResponse
import dev.agentbus.Callable
import groovy.transform.CompileStatic

/**
 * A poll per instance ({@code poll-agent/lunch}): someone opens it with a question and its
 * options, everyone votes, every connected client sees the tally change. Written the way Groovy
 * is: a record for state, statically compiled methods, collection literals and closures.
 *
 * <p>Each vote is also a row in the instance's table {@code votes}, so {@link #voters} can say
 * who chose what.
 */
@CompileStatic
class PollAgent extends Agent<Poll> {

  /**
   * The state every client sees: the question and the votes per option, in the options' order.
   *
   * @param question what is asked; empty until the poll is opened
   * @param votes the number of votes per option
   */
  static record Poll(String question, Map<String, Integer> votes) {}

  @Override
  Poll initialState() {
    new Poll('', [:])
  }

  /**
   * Opens the poll, or opens it anew (the votes so far are dropped).
   *
   * @param question what is asked
   * @param options at least two distinct choices
   * @return the new state
   */
  @Callable(description = 'Opens the poll with a question and its options')
  Poll open(String question, List<String> options) {
    if (!question?.trim()) {
      throw new IllegalArgumentException('A poll needs a question')
    }
    if (options == null || options.toUnique().size() < 2) {
      throw new IllegalArgumentException('A poll needs at least two different options')
    }
    sql('CREATE TABLE IF NOT EXISTS votes (voter TEXT PRIMARY KEY, choice TEXT NOT NULL)')
    sql('DELETE FROM votes')
    Map<String, Integer> votes = options.toUnique().collectEntries { [(it): 0] } as Map<String, Integer>
    setState(new Poll(question.trim(), votes))
    state()
  }

  /**
   * Records a voter's choice; voting again moves the vote.
   *
   * @param voter who votes
   * @param choice one of the poll's options
   * @return the votes per option
   */
  @Callable(description = 'Votes for an option and returns the tally')
  Map<String, Integer> vote(String voter, String choice) {
    Poll poll = state()
    if (!poll.question()) {
      throw new IllegalStateException('The poll is not open')
    }
    if (!poll.votes().containsKey(choice)) {
      throw new IllegalArgumentException("No option '${choice}' in this poll")
    }
    sql('INSERT INTO votes (voter, choice) VALUES (?, ?) ' +
        'ON CONFLICT (voter) DO UPDATE SET choice = excluded.choice', voter, choice)
    Map<String, Integer> tally = poll.votes().keySet().collectEntries { [(it): 0] } as Map<String, Integer>
    sql('SELECT choice, count(*) AS n FROM votes GROUP BY choice').each {
      tally[it.getString('choice')] = it.getInteger('n')
    }
    setState(new Poll(poll.question(), tally))
    tally
  }

  /** HTTP: {@code GET} answers the poll (question and votes) as JSON; other methods 405. */
  @Override
  AgentResponse onRequest(AgentRequest request) {
    request.method() == 'GET' ? AgentResponse.json(200, state()) : AgentResponse.text(405, 'Method not allowed')
  }

  /**
   * @param choice one of the poll's options
   * @return who voted for it, in alphabetical order
   */
  @Callable(description = 'Lists who voted for an option')
  List<String> voters(String choice) {
    if (!state().votes().containsKey(choice)) {
      throw new IllegalArgumentException("No option '${choice}' in this poll")
    }
    sql('SELECT voter FROM votes WHERE choice = ? ORDER BY voter', choice)*.getString('voter')
  }
}
