// The graph's version stamp (changed by every committed write, see bumpGraphVersion); no row while nothing was ever written. Polled by the response cache.
OPTIONAL MATCH (v:GraphVersion {id: 'graph'})
RETURN v.stamp AS stamp, v.version AS version
