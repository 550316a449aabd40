"""Occupations, their taxonomies and the labour-market figures behind them."""
