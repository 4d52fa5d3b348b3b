import assert from 'node:assert/strict';
import { NotedChanges } from '../../src/content/noted-changes.js';

describe('the changes noted for the loads to come', () => {
  it('asks the first load to look at every record, and the next only at what was named since', () => {
    const changes = new NotedChanges();
    changes.note([]);
    assert.equal(changes.lookingAt().everyFile, true, 'no load has looked at every record yet');
    const first = changes.lookingAt();
    changes.looked(first.turn, true);
    changes.note(['articles/a.md']);
    assert.deepEqual(changes.lookingAt(), { turn: 2, everyFile: false, named: ['articles/a.md'] });
  });

  it('asks for every record again once told anything may have changed', () => {
    const changes = new NotedChanges();
    changes.note('unknown');
    changes.looked(changes.lookingAt().turn, true);
    changes.note('unknown');
    assert.equal(changes.lookingAt().everyFile, true);
  });

  it('keeps what was named for the next load when a load fails, and forgets it once one has looked', () => {
    const changes = new NotedChanges();
    changes.note('unknown');
    changes.looked(changes.lookingAt().turn, true);
    changes.note(['articles/a.md']);
    // A load starts, fails, and so never calls looked(): the next one still sees the file named.
    changes.note([]);
    const next = changes.lookingAt();
    assert.deepEqual(next.named, ['articles/a.md']);
    changes.looked(next.turn, false);
    assert.deepEqual(changes.lookingAt().named, []);
  });

  it('leaves a file named while a load runs to the next load', () => {
    const changes = new NotedChanges();
    changes.note('unknown');
    const running = changes.lookingAt();
    changes.note(['articles/b.md']);
    changes.looked(running.turn, true);
    assert.deepEqual(changes.lookingAt(), { turn: 2, everyFile: false, named: ['articles/b.md'] });
  });

  it('asks for every record when that was asked for during a load that looked only at some', () => {
    const changes = new NotedChanges();
    changes.note('unknown');
    changes.looked(changes.lookingAt().turn, true);
    changes.note(['articles/a.md']);
    const running = changes.lookingAt();
    changes.note('unknown');
    changes.looked(running.turn, false);
    assert.equal(changes.lookingAt().everyFile, true);
  });
});
