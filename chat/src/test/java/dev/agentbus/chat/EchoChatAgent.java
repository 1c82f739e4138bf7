package dev.agentbus.chat;

/** A chat agent with the default reply: the node's model (the stand-in in tests). */
public class EchoChatAgent extends ChatAgent<Void> {}
