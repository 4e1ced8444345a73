"""The yuqing command: stages, the local stack and the demo."""
