-- Neovim end-to-end run of `kg lsp` (test/lsp/neovim.test.ts starts it headless):
-- Neovim's built-in LSP client opens a file of a project, receives kg's diagnostics,
-- completes an entity id and renames an entity. Everything recorded is read back from
-- Neovim's own state (its diagnostics, its buffers) and written as JSON to $KG_RESULT.
-- Works with Neovim 0.7 (Debian 12) and later.
local project = os.getenv('KG_PROJECT')
local kg = os.getenv('KG_BIN')
local out = {}

local function finish(err)
  if err then out.error = tostring(err) end
  vim.fn.writefile({ vim.fn.json_encode(out) }, os.getenv('KG_RESULT'))
  vim.cmd('qall!')
end

local function lines(buf)
  return vim.api.nvim_buf_get_lines(buf, 0, -1, false)
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'kg',
    cmd = { 'node', kg, 'lsp', '--stdio' },
    root_dir = project,
  })
  assert(client_id, 'the kg server did not start')

  -- 1. Open a relation file with a misspelt entity (in the buffer only) and wait for kg.
  vim.cmd('edit ' .. vim.fn.fnameescape(project .. '/relations/talks.yaml'))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  vim.api.nvim_buf_set_lines(buf, 1, 2, false, { '  - trump MET zelenski:' })
  assert(vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50), 'no diagnostics')
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(out.diagnostics, {
      code = d.code or lsp.code,
      message = d.message,
      lnum = d.lnum,
      col = d.col,
      end_col = d.end_col,
      severity = d.severity,
    })
  end

  -- 2. Fix it by completion: type "zel" after MET and take kg's first proposal.
  vim.api.nvim_buf_set_lines(buf, 1, 2, false, { '  - trump MET zel' })
  local client = vim.lsp.get_client_by_id(client_id)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = 1, character = #'  - trump MET zel' },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, 10000)
  local result = responses and responses[client_id] and responses[client_id].result
  local items = result and (result.items or result) or {}
  out.completion = {}
  for _, item in ipairs(items) do table.insert(out.completion, item.label) end
  assert(items[1], 'no completion items')
  vim.lsp.util.apply_text_edits({ items[1].textEdit }, buf, client.offset_encoding or 'utf-16')
  vim.api.nvim_buf_set_text(buf, 1, #lines(buf)[2], 1, #lines(buf)[2], { ':' })
  out.completed_line = lines(buf)[2]
  assert(
    vim.wait(20000, function() return #vim.diagnostic.get(buf) == 0 end, 50),
    'diagnostics stayed after completing the id'
  )
  out.diagnostics_after = #vim.diagnostic.get(buf)

  -- 3. Rename the entity under the cursor (trump, line 2) across the project.
  vim.api.nvim_win_set_cursor(0, { 2, 5 })
  vim.lsp.buf.rename('donald-trump')
  assert(
    vim.wait(20000, function() return lines(buf)[2]:find('donald%-trump') ~= nil end, 50),
    'the rename did not reach the buffer'
  )
  out.renamed_line = lines(buf)[2]
  local people = vim.fn.bufnr(project .. '/entities/people.yaml')
  out.people_buffer = people > 0 and lines(people) or {}
  local more = vim.fn.bufnr(project .. '/relations/more.yaml')
  out.more_buffer_loaded = more > 0 and vim.api.nvim_buf_is_loaded(more)
end)

finish(not ok and err or nil)
