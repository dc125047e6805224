-- Argo CD health check for federator.dev IdentityConnection, IdentityPlatform and ClusterIdentityPlatform.
-- Install: see deploy/argocd/argocd-cm.yaml (resource.customizations.health.federator.dev_<Kind>).
--   Healthy     Ready=True for the current generation (and the last sync did not fail)
--   Progressing no status yet, the operator has not observed the latest spec, Ready missing/Unknown, or RateLimited
--   Degraded    Ready=False (the condition's reason and message say what to fix), or Synced=False
local hs = {}

local function condition(conditions, kind)
  if conditions == nil then return nil end
  for _, c in ipairs(conditions) do
    if c.type == kind then return c end
  end
  return nil
end

local function describe(c)
  if c.reason ~= nil and c.message ~= nil then return c.reason .. ": " .. c.message end
  if c.message ~= nil then return c.message end
  if c.reason ~= nil then return c.reason end
  return ""
end

if obj.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Federator operator to reconcile this resource"
  return hs
end

local generation = obj.metadata.generation
local observed = obj.status.observedGeneration
if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the Federator operator to observe generation " .. generation
  return hs
end

local ready = condition(obj.status.conditions, "Ready")
if ready == nil or ready.status == "Unknown" then
  hs.status = "Progressing"
  hs.message = "Waiting for the Ready condition"
  return hs
end
if ready.observedGeneration ~= nil and generation ~= nil and ready.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the Federator operator to observe generation " .. generation
  return hs
end

if ready.status == "False" then
  if ready.reason == "RateLimited" then
    hs.status = "Progressing"
  else
    hs.status = "Degraded"
  end
  hs.message = describe(ready)
  return hs
end

local synced = condition(obj.status.conditions, "Synced")
if synced ~= nil and synced.status == "False" then
  hs.status = "Degraded"
  hs.message = describe(synced)
  return hs
end

hs.status = "Healthy"
hs.message = describe(ready)
local expiring = condition(obj.status.conditions, "CertificateExpiring")
if expiring ~= nil and expiring.status == "True" then
  hs.message = describe(expiring)
end
return hs
