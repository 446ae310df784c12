"""Use cases. Each service owns its unit of work and returns plain dataclasses."""
