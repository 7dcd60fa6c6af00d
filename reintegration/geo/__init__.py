"""Provinces and communes: the 2025 units, the pre-2025 units and the conversion between them."""
