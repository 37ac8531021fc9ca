"""The catalogue: signals, risk factors and protective factors, shipped and own."""
