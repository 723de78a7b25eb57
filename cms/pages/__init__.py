"""The page types of the public site, one module each; `cms.models` names them all for Django."""
