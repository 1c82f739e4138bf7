package dev.agentbus.chat;

/** A chat agent whose reply stops when its last socket closes. */
public class LeavingChatAgent extends ChatAgent<Void> {

  @Override
  protected boolean cancelWhenLastSocketCloses() {
    return true;
  }
}
