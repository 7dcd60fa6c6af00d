"""The services of offline work: the pack a phone keeps, and the sync of its entries."""
